import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditHistoryService } from './audit-history.service';

@Module({ controllers: [AuditController], providers: [AuditHistoryService] })
export class AuditModule {}
