import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../../config/app-config';
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
 * comes from requestLog (see app.factory.ts). nestjs-pino only binds `req.log` to the request's
 * async context, so Nest's and the services' loggers pick it up.
 */
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => ({
        pinoHttp: { logger },
        // The request's logger (a child carrying its id) is made by the first middleware (see
        // app.factory.ts), not by pino-http, which would also serialise every request's headers
        // into a second child no line here uses: a measurable share of a small request's CPU.
        useExisting: true,
      }),
    }),
  ],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
