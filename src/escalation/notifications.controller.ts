import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../common/http/uuid.pipe';
import type { Actor } from '../audit/audit-event';
import { CurrentActor } from '../auth/actor.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationService } from './notification.service';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  /** Escalation notifications, newest first. CUSTOMER keys see their own engagements' only. */
  @Get()
  @Roles('ADMIN', 'STAFF', 'CUSTOMER')
  @ApiProblems(404)
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: NotificationQueryDto,
  ): Promise<NotificationPageDto> {
    return this.notifications.list(principal, query);
  }

  /** Sends a DEAD notification back to the outbox with its attempts reset (409 for any other status). */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiProblems(409)
  retry(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<NotificationDto> {
    return this.notifications.retry(id, actor);
  }
}
