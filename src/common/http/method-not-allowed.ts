import { METHODS } from 'node:http';
import type { Application } from 'express';

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

const resourceLayers = new WeakMap<object, { seen: number; layers: RouteLayer[] }>();

/** The router's routes that are resources (read again only when routes were added). */
function routeLayers(app: Application): RouteLayer[] {
  const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
  let cached = resourceLayers.get(stack);
  if (!cached || cached.seen !== stack.length) {
    cached = {
      seen: stack.length,
      layers: stack.filter((layer) => layer.route !== undefined && !takesEveryMethod(layer.route)),
    };
    resourceLayers.set(stack, cached);
  }
  return cached.layers;
}

/**
 * The methods the resource at `path` takes, from the router's own table (with OPTIONS), when the
 * path is a resource that does not take `method`; undefined when no route serves the path at all.
 * Asked only for a request no route handled (Nest's "not found"), so a routed request never pays
 * for a second walk through the table: every resource answers 405 with Allow, and OPTIONS 204
 * with Allow, without any controller listing its refusals.
 */
export function allowedMethods(
  app: Application,
  method: string,
  path: string,
): string[] | undefined {
  const allowed = new Set<string>();
  for (const layer of routeLayers(app)) {
    let matches: unknown;
    try {
      matches = layer.match(path);
    } catch {
      return undefined; // a malformed %-escape: no resource
    }
    if (!matches) continue;
    if (method !== 'OPTIONS' && layer.route!._handlesMethod(method)) return undefined;
    for (const m of layer.route!._methods()) allowed.add(m);
  }
  return allowed.size === 0 ? undefined : [...allowed, 'OPTIONS'].sort();
}
