import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { OidcModule } from './auth/oidc/oidc.module';
import { ProblemFilter } from './common/errors/problem.filter';
import { LoggingModule } from './common/logging/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CustomersModule } from './customers/customers.module';
import { EngagementsModule } from './engagements/engagements.module';
import { EscalationModule } from './escalation/escalation.module';
import { HealthModule } from './health/health.module';
import { PrismaModule } from './prisma/prisma.module';
import { ReportsModule } from './reports/reports.module';
import { TasksModule } from './tasks/tasks.module';
import { TemplatesModule } from './templates/templates.module';
import { UsersModule } from './users/users.module';

/** Feature modules of the product, in the order they build on each other. */
const FEATURES = [
  HealthModule,
  AuthModule,
  UsersModule,
  OidcModule,
  TemplatesModule,
  CustomersModule,
  EngagementsModule,
  TasksModule,
  AuditModule,
  ReportsModule,
  EscalationModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, databaseUrl),
        LoggingModule,
        PrismaModule,
        ...FEATURES,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
