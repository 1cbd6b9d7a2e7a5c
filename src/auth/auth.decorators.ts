import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'auth:isPublic';
export const ALLOWED_ROLES = 'auth:roles';

/** No credentials needed (health, docs, signing in). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Roles allowed on a handler or controller (for keys and people alike). Without it, only ADMIN
 * and STAFF may call: customers get access only where a route says so.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const DEFAULT_ROLES: Role[] = ['ADMIN', 'STAFF'];

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
