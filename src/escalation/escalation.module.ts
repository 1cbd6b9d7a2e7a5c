import { Module } from '@nestjs/common';
import { EscalationSchedulerService } from './escalation-scheduler.service';
import { EscalationRunsService } from './escalation-runs.service';
import { EscalationService } from './escalation.service';
import { EscalationsController } from './escalations.controller';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationOutboxRepository } from './notification-outbox.repository';
import { NotificationService } from './notification.service';
import { NotificationsController } from './notifications.controller';

/** Overdue escalation: decisions into an outbox, a pg-boss schedule, and webhook delivery. */
@Module({
  controllers: [EscalationsController, NotificationsController],
  providers: [
    EscalationService,
    EscalationRunsService,
    NotificationDeliveryService,
    EscalationSchedulerService,
    NotificationService,
    NotificationOutboxRepository,
  ],
  exports: [EscalationService, NotificationDeliveryService],
})
export class EscalationModule {}
