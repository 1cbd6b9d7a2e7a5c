import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
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
import { ApiProblems, ApiSuccessHeaders } from '../common/openapi/api-docs.decorators';

@ApiTags('engagements')
@ApiBearerAuth()
@Controller('engagements')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  /**
   * Creates an engagement from a template version, with one task per template task: for an
   * existing customer (`customerId`), or for a new one (`customer`) created only together with it.
   */
  @Post()
  @ApiIdempotencyKey()
  @ApiProblems(409, 422)
  @ApiSuccessHeaders('Location', 'ETag', 'Idempotent-Replayed')
  @ApiBody({
    type: CreateEngagementDto,
    examples: {
      existing: {
        summary: 'For an existing customer',
        value: {
          customerId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
          templateKey: 'wso2-managed-wso2-subscription',
          cloudProvider: 'AWS',
          securityTier: 'STANDARD',
          startDate: '2026-03-02',
        },
      },
      newCustomer: {
        summary: 'For a new customer, created with it',
        value: {
          customer: { name: 'Acme Corporation', externalRef: 'CRM-10042' },
          templateKey: 'wso2-managed-wso2-subscription',
          cloudProvider: 'AWS',
          securityTier: 'STANDARD',
          startDate: '2026-03-02',
        },
      },
    },
  })
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
  @ApiSuccessHeaders('ETag')
  get(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EngagementDto> {
    return sendResult(res, this.engagements.get(id, principal));
  }

  /**
   * Renames, changes tier (re-filters open checklists), replaces contacts, moves the start date
   * (and with it every open task's due date), cancels, or reactivates a cancelled engagement. With
   * If-Match, only if the engagement is still at that version (412 otherwise).
   */
  @Patch(':id')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag of the engagement as last read; the change is refused (412) if it moved on',
  })
  @ApiProblems(409, 412, 422)
  @ApiSuccessHeaders('ETag')
  @ApiBody({
    type: UpdateEngagementDto,
    examples: {
      rename: { summary: 'Rename', value: { name: 'Acme PDP onboarding' } },
      tier: { summary: 'Change the security tier', value: { securityTier: 'PREMIUM' } },
      reschedule: {
        summary: 'Move the start (open tasks move with it)',
        value: { startDate: '2026-03-16', reason: 'The customer starts two weeks late' },
      },
      cancel: {
        summary: 'Cancel',
        value: { status: 'CANCELLED', reason: 'The customer chose another provider' },
      },
      reactivate: {
        summary: 'Reactivate a cancelled engagement',
        value: { status: 'ACTIVE', reason: 'The customer is back' },
      },
    },
  })
  update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateEngagementDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EngagementDto> {
    return sendResult(res, this.engagements.update(id, body, ifMatch, actor));
  }
}
