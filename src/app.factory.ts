import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import {
  JSON_MEDIA_TYPES,
  refuseRepeatedMembers,
  requireJsonBodies,
  translateBodyParserErrors,
} from './common/http/body-parser-errors';
import { answerClientErrors, headersSetBy, requireHost } from './common/http/client-error';
import { checkInputLimits } from './common/http/input-limits';
import { NoBodyGuard } from './common/http/no-body.guard';
import { assignRequestId } from './common/http/request-id';
import { createValidationPipe } from './common/http/validation.pipe';
import { AppLogger } from './common/logging/app-logger';
import { requestLog } from './common/logging/request-log';
import { ROOT_LOGGER } from './common/logging/root-logger';
import { AppConfig } from './config/app-config';
import { ProblemDto } from './common/errors/problem.dto';
import { completeOpenApiDocument } from './common/openapi/openapi-document';
import { securityHeaders, serveWebApp, WEB_APP_DIR } from './web-app/web-app';
import { CSRF_COOKIE, SESSION_COOKIE } from './auth/session-cookies';
import { HttpDrain } from './health/http-drain';

export const API_PREFIX = 'api/v1';
const BODY_LIMIT = '1mb';
const SESSION_SCHEME = 'session';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Onboarding Tracker')
    .setDescription(
      'Customer onboarding for WSO2 Developer Platform private data planes: RACI templates, ' +
        'engagements, tasks with audit history, and who is accountable for what is overdue. ' +
        'Errors are RFC 9457 application/problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key' })
    .addCookieAuth(
      SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description:
          'A browser session from POST /auth/login. Changes (POST, PUT, PATCH, DELETE) also need ' +
          `the header X-CSRF-Token set to the value of the ${CSRF_COOKIE} cookie.`,
      },
      SESSION_SCHEME,
    )
    .build();
  return completeOpenApiDocument(
    withSessionAlternative(
      SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] }),
    ),
  );
}

/** Every operation that takes an API key takes a session cookie just as well (one guard, one policy). */
function withSessionAlternative(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { security?: Record<string, string[]>[] }[]) {
      const security = operation?.security;
      if (!security?.some((requirement) => 'bearer' in requirement)) continue;
      // A new array: the one Swagger gives may be shared metadata, reused by the next build.
      if (!security.some((requirement) => SESSION_SCHEME in requirement)) {
        operation.security = [...security, { [SESSION_SCHEME]: [] }];
      }
    }
  }
  return document;
}

/** Builds the HTTP application exactly as it runs in production; tests use this too. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  /** Where the built web app is; tests point this at their own files. */
  webAppDir = WEB_APP_DIR,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(AppLogger));
  // Express would hash every body into an ETag: API answers are no-store, so no cache revalidates
  // them, and for the full overdue report (3 MB) the hash cost 5 ms. Tasks and engagements carry
  // their own version ETags; the web app's files keep theirs (express.static has its own setting).
  app.set('etag', false);
  const logger = app.get<PinoLogger>(ROOT_LOGGER);
  const helmet = securityHeaders();
  // Security headers first, so every answer carries them — body-parser errors and 405s included.
  app.use(helmet);
  answerClientErrors(app.getHttpServer() as Server, headersSetBy(helmet), logger);
  app.use(app.get(HttpDrain).track);
  // The id is assigned before anything can fail, so even a body-parser error carries it.
  app.use((req: Request & { id?: string; log?: PinoLogger }, res: Response, next: NextFunction) => {
    req.id = assignRequestId(req, res);
    req.log = logger.child({ requestId: req.id });
    // API answers are per caller and per moment (one of them carries a new key's secret): no
    // cache may keep them. Static files of the web app set their own policy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(requestLog(logger));
  app.use(requireHost);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      exposedHeaders: [
        'ETag',
        'Location',
        'X-Request-Id',
        'Retry-After',
        'Idempotent-Replayed',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ],
    });
  }
  app.use(requireJsonBodies);
  app.useBodyParser('json', {
    limit: BODY_LIMIT,
    type: JSON_MEDIA_TYPES,
    verify: refuseRepeatedMembers,
  });
  app.use(translateBodyParserErrors);
  app.use(checkInputLimits);
  app.disable('x-powered-by');
  // No automatic ETags: hashing every body (3 MiB for the full overdue report) costs time, and the
  // API's validators are the explicit ETags of tasks and engagements, used with If-Match.
  app.set('etag', false);
  // The client address (rate limits, sign-in throttling) comes from the trusted proxies only.
  app.set('trust proxy', config.trustProxy);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      // Signing in lives beside the API, not in it: /auth/login, /auth/invitations/…
      { path: 'auth/{*path}', method: RequestMethod.ALL },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalGuards(new NoBodyGuard());
  serveWebApp(app, webAppDir);
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
  return app;
}
