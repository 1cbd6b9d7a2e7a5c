import fs from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import helmet from 'helmet';
import { isServicePath } from '../common/http/service-paths';

/** Where `vite build` puts the web app: dist/web, next to the compiled service (dist/web-app/). */
export const WEB_APP_DIR = path.resolve(__dirname, '..', 'web');

/** Vite puts content-hashed files here: a new build gives them new names. */
const HASHED_ASSETS = /^\/assets\//;

/**
 * The web app may run only its own scripts and styles and talk only to this origin. The docs UI
 * (Swagger) needs inline scripts and styles, so it keeps helmet's other headers without a CSP.
 */
export function securityHeaders(): RequestHandler {
  const app = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  const docs = helmet({ contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/docs') ? docs(req, res, next) : app(req, res, next);
}

/**
 * Serves the built web app at `/` when it is there (`npm run build` makes it; the service's own
 * tests run without it): its files, and index.html for any other GET outside the service's paths
 * so that deep links and reloads land in the app.
 */
export function serveWebApp(app: NestExpressApplication, dir = WEB_APP_DIR): boolean {
  const indexFile = path.join(dir, 'index.html');
  if (!fs.existsSync(indexFile)) return false;
  const files = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, filePath) => {
      const relative = `/${path.relative(dir, filePath).split(path.sep).join('/')}`;
      res.setHeader(
        'Cache-Control',
        HASHED_ASSETS.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // The app's file, else (for a page route) index.html. The service's own paths never reach the
  // file system: a stat per API GET was a tenth of a small GET's CPU.
  const page = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || HASHED_ASSETS.test(req.path)) {
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile, (error) => {
      if (error) next(error);
    });
  };
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isServicePath(req.path)) return next();
    files(req, res, (error?: unknown) => (error ? next(error) : page(req, res, next)));
  });
  return true;
}
