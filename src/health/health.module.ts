import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HttpDrain } from './http-drain';

@Global()
@Module({
  controllers: [HealthController],
  providers: [{ provide: HttpDrain, useValue: new HttpDrain() }],
  exports: [HttpDrain],
})
export class HealthModule {}
