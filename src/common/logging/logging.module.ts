import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../../config/app-config';
import { assignRequestId } from '../http/request-id';
import { AppLogger } from './app-logger';
import { createRootLogger, ROOT_LOGGER } from './root-logger';

@Global()
@Module({
  providers: [{ provide: ROOT_LOGGER, inject: [APP_CONFIG], useFactory: createRootLogger }],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * Structured JSON logs (one readable line each in development). Every line logged while a
 * request is handled carries its id, and nothing else of the request: the one line per request
 * comes from requestLog (see app.factory.ts).
 */
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => ({
        pinoHttp: {
          logger,
          // The id was assigned by the first middleware (see app.factory.ts); reuse it.
          genReqId: (req, res) => (req as { id?: string }).id ?? assignRequestId(req, res),
          customAttributeKeys: { reqId: 'requestId' },
          quietReqLogger: true,
          quietResLogger: true,
          autoLogging: false,
        },
      }),
    }),
  ],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
