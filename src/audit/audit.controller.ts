import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { AssigneeUserDto } from '../tasks/dto/task.dto';
import { AuditHistoryService } from './audit-history.service';
import {
  AuditPageDto,
  AuditQueryDto,
  AuditVerificationDto,
  TaskAuditQueryDto,
} from './dto/audit-event.dto';

@ApiTags('audit')
@ApiExtraModels(AssigneeUserDto)
@ApiBearerAuth()
@Roles('ADMIN', 'STAFF', 'CUSTOMER')
@Controller('engagements/:engagementId')
export class AuditController {
  constructor(private readonly history: AuditHistoryService) {}

  /** The engagement's audit history, oldest first or `order=newest` first (optionally one task's). */
  @Get('audit')
  forEngagement(
    @Param('engagementId', UuidPipe) engagementId: string,
    @Query() query: AuditQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AuditPageDto> {
    return this.history.forEngagement(engagementId, query, principal);
  }

  /**
   * Checks the engagement's tamper-evident audit chain: every event's hash covers its content
   * and the previous event's hash, so a changed, removed or inserted event is found here.
   */
  @Get('audit/verify')
  verify(
    @Param('engagementId', UuidPipe) engagementId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AuditVerificationDto> {
    return this.history.verify(engagementId, principal);
  }

  /** One task's audit history, oldest first or `order=newest` first. */
  @Get('tasks/:taskKey/audit')
  forTask(
    @Param('engagementId', UuidPipe) engagementId: string,
    @Param('taskKey') taskKey: string,
    @Query() query: TaskAuditQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AuditPageDto> {
    return this.history.forTask(engagementId, taskKey, query, principal);
  }
}
