import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidPipe } from '../common/http/uuid.pipe';
import type { Actor } from '../audit/audit-event';
import { CurrentActor } from '../auth/actor.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { sendResult } from '../common/http/http-result';
import { EngagementDto, EngagementPageDto } from './dto/engagement.dto';
import {
  CreateEngagementDto,
  ListEngagementsQueryDto,
  UpdateEngagementDto,
} from './dto/engagement-input.dto';
import { EngagementsService } from './engagements.service';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency/idempotency-key.decorator';

@ApiTags('engagements')
@ApiBearerAuth()
@Controller('engagements')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  /** Creates an engagement from a template version, with one task per template task. */
  @Post()
  @ApiIdempotencyKey()
  create(
    @Body() body: CreateEngagementDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EngagementDto> {
    return sendResult(res, this.engagements.create(body, actor, idempotencyKey));
  }

  /** Engagements, searched, sorted and paged, each with progress, overdue count and next due task. */
  @Get()
  @Roles('ADMIN', 'STAFF', 'CUSTOMER')
  list(
    @Query() query: ListEngagementsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EngagementPageDto> {
    return this.engagements.list(query, principal);
  }

  /** The engagement with contacts, progress and every task. */
  @Get(':id')
  @Roles('ADMIN', 'STAFF', 'CUSTOMER')
  get(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EngagementDto> {
    return this.engagements.get(id, principal);
  }

  /** Renames, changes tier (re-filters open checklists), replaces contacts, or cancels. */
  @Patch(':id')
  update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateEngagementDto,
    @CurrentActor() actor: Actor,
  ): Promise<EngagementDto> {
    return this.engagements.update(id, body, actor);
  }
}
