import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { NOT_A_FIELD } from './input-limits';
import { validationError } from './validation.pipe';

/** Per controller and handler (as the metadata is kept): routes never change, and this runs
 * before every request's handler. */
const takesBodyByRoute = new WeakMap<object, Map<string, boolean>>();

/** Whether the handler declares a body (`@Body()`): only then does the validation pipe see one. */
function takesBody(context: ExecutionContext): boolean {
  const controller = context.getClass();
  const name = context.getHandler().name;
  let known = takesBodyByRoute.get(controller);
  if (!known) takesBodyByRoute.set(controller, (known = new Map()));
  let takes = known.get(name);
  if (takes === undefined) {
    const args: Record<string, unknown> =
      Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
    takes = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
    known.set(name, takes);
  }
  return takes;
}

/**
 * A body sent to an operation that takes none is refused (400) before the handler runs, its
 * members named as unknown like the validation pipe names them on operations that take one.
 * Without this nothing would look at it: `DELETE /api-keys/{id}` with `{"x":1}` revoked the key.
 * No body (or `{}`, which says nothing) passes. It runs after authentication and the rate limit
 * (global guards follow the APP_GUARD ones) and before the pipes. A guard, not an interceptor:
 * with no interceptor at all, Nest calls each handler directly instead of through RxJS and two
 * AsyncResource bindings per request (≈ 5 % of a task write's CPU in the service).
 */
export class NoBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http' && !takesBody(context)) {
      const body: unknown = context.switchToHttp().getRequest<Request>().body;
      if (body !== undefined && !(isPlainObject(body) && Object.keys(body).length === 0)) {
        throw validationError(
          isPlainObject(body)
            ? Object.keys(body).map((field) => ({ field, message: NOT_A_FIELD }))
            : [{ field: 'body', message: 'should not exist: this operation takes no body' }],
        );
      }
    }
    return true;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
