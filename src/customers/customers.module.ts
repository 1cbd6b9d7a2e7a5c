import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

@Module({
  imports: [IdempotencyModule],
  controllers: [CustomersController],
  providers: [CustomersService],
})
export class CustomersModule {}
