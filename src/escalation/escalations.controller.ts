import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit-event';
import { CurrentActor } from '../auth/actor.decorator';
import { Roles } from '../auth/auth.decorators';
import { sendResult } from '../common/http/http-result';
import { UuidPipe } from '../common/http/uuid.pipe';
import { EscalationRunDto, EscalationRunRequestDto } from './dto/escalation-run.dto';
import { EscalationRunsService } from './escalation-runs.service';
import { ApiProblems, ApiSuccessHeaders } from '../common/openapi/api-docs.decorators';

@ApiTags('escalations')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly runs: EscalationRunsService) {}

  /**
   * Starts an evaluation of overdue tasks and answers at once (202) with the run's Location. Each
   * overdue task is told once about its current level; `asOf` evaluates as of another day (not
   * after today, unless `dryRun`). 409 while another run is active.
   */
  @Post('run')
  @HttpCode(202)
  @ApiProblems(409)
  @ApiSuccessHeaders('Location', 'Retry-After')
  start(
    @Body() body: EscalationRunRequestDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EscalationRunDto> {
    return sendResult(res, this.runs.start(body, actor));
  }

  /** An escalation run: its status and, once finished, what it decided. */
  @Get('runs/:id')
  run(@Param('id', UuidPipe) id: string): Promise<EscalationRunDto> {
    return this.runs.get(id);
  }
}
