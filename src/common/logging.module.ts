import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { assignRequestId } from './http/request-id';

/** Structured JSON logs (pretty in development); every line of a request carries its id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          // The id was assigned by the first middleware (see app.factory.ts); reuse it.
          genReqId: (req, res) => (req as { id?: string }).id ?? assignRequestId(req, res),
          customProps: (req) => ({ requestId: (req as { id?: unknown }).id }),
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
          transport:
            config.log.format === 'pretty'
              ? { target: 'pino-pretty', options: { singleLine: true, colorize: true } }
              : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
