import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import { PrismaService } from '../prisma/prisma.service';
import { HealthDto } from './dto/health.dto';
import { HttpDrain } from './http-drain';

const READINESS_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly drain: HttpDrain,
  ) {}

  /** The process is up. */
  @Get('live')
  @HttpCode(200)
  live(): HealthDto {
    return { status: 'ok' };
  }

  /** The service can serve requests: its database answers. 503 when it does not, or while stopping. */
  @Get('ready')
  async ready(): Promise<HealthDto> {
    if (this.drain.isDraining) throw new ServiceUnavailableException('The service is stopping');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.prisma.$queryRaw`SELECT 1`, timeout]);
    } catch {
      throw new ServiceUnavailableException('The database is not reachable');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', checks: { database: 'up' } };
  }
}
