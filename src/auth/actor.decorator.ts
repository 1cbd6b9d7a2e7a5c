import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../audit/audit-event';
import type { Principal } from './principal';

/** The acting API key and the request id, as audit events record them. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const request = context.switchToHttp().getRequest<{ principal: Principal; id?: unknown }>();
    return {
      id: request.principal.keyId,
      name: request.principal.name,
      requestId: request.id === undefined ? null : String(request.id),
    };
  },
);
