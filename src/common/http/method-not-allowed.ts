import { METHODS } from 'node:http';
import type { Application, NextFunction, Request, Response } from 'express';
import { MethodNotAllowedError } from '../errors/domain-errors';

interface Route {
  methods: Record<string, boolean | undefined>;
  _handlesMethod(method: string): boolean;
  _methods(): string[];
}
interface RouteLayer {
  match(path: string): unknown;
  route?: Route;
}

/** Nest binds middleware to paths as routes taking every method: those are no resources. */
const takesEveryMethod = (route: Route) =>
  route.methods._all === true || METHODS.every((method) => route.methods[method.toLowerCase()]);

/**
 * Express middleware mounted before the routes: a path that some route serves, asked with a
 * method none of them handles, is answered 405 with the Allow header — for every resource, from
 * the router's own table, so no controller has to list its refusals. OPTIONS on such a path is
 * answered 204 with Allow (CORS preflights are answered before this, by the CORS middleware).
 */
export function methodNotAllowed(app: Application) {
  let layers: RouteLayer[] = [];
  let seen = -1;
  // Routes are registered by app.init(), after this middleware: read them when they change.
  const routeLayers = () => {
    const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
    if (stack.length !== seen) {
      seen = stack.length;
      layers = stack.filter((layer) => layer.route !== undefined && !takesEveryMethod(layer.route));
    }
    return layers;
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const allowed = new Set<string>();
    for (const layer of routeLayers()) {
      let matches: unknown;
      try {
        matches = layer.match(req.path);
      } catch {
        return next(); // a malformed %-escape: the router itself answers 400
      }
      if (!matches) continue;
      if (req.method !== 'OPTIONS' && layer.route!._handlesMethod(req.method)) return next();
      for (const method of layer.route!._methods()) allowed.add(method);
    }
    if (allowed.size === 0) return next();
    const allow = [...allowed, 'OPTIONS'].sort();
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', allow.join(', '));
      res.status(204).end();
      return;
    }
    next(
      new MethodNotAllowedError(
        `${req.method} is not allowed on ${req.path}; allowed: ${allow.join(', ')}`,
        allow,
      ),
    );
  };
}
