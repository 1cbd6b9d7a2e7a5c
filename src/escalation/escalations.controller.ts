import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { EscalationRunDto, EscalationRunResultDto } from './dto/escalation-run.dto';
import { EscalationService } from './escalation.service';

@ApiTags('escalations')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalation: EscalationService) {}

  /**
   * Evaluates overdue tasks now and returns what it decided. `asOf` (body or query) evaluates as of
   * another day; levels notified before are never repeated.
   */
  @Post('run')
  @HttpCode(200)
  run(
    @Body() body: EscalationRunDto,
    @Query() query: EscalationRunDto,
  ): Promise<EscalationRunResultDto> {
    return this.escalation.run(body.asOf ?? query.asOf);
  }
}
