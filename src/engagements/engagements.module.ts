import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { TemplatesModule } from '../templates/templates.module';
import { EngagementCreationRepository } from './engagement-creation.repository';
import { EngagementsController } from './engagements.controller';
import { EngagementsService } from './engagements.service';

@Module({
  imports: [IdempotencyModule, TemplatesModule],
  controllers: [EngagementsController],
  providers: [EngagementsService, EngagementCreationRepository],
})
export class EngagementsModule {}
