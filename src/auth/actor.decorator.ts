import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../audit/audit-event';
import type { Principal } from './principal';

/** The acting person or API key and the request id, as audit events record them. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const request = context.switchToHttp().getRequest<{ principal: Principal; id?: unknown }>();
    return actorOf(request.principal, requestIdOf(request));
  },
);

export function actorOf(principal: Principal, requestId: string | null): Actor {
  return {
    kind: principal.kind,
    id: principal.id,
    name: principal.name,
    email: principal.email,
    requestId,
  };
}

/** The request's X-Request-Id (assigned to every request before anything can fail). */
export function requestIdOf(request: { id?: unknown }): string | null {
  return request.id === undefined ? null : String(request.id);
}
