import type { Principal, Role } from './principal';

/**
 * Which customers' data a principal may see. The one access decision for users and API keys
 * alike, and fail-closed: anything that is not provably ADMIN/STAFF or a CUSTOMER bound to a
 * customer gets 'none' — whatever the database constraints say.
 */
export type CustomerScope =
  { kind: 'all' } | { kind: 'customer'; customerId: string } | { kind: 'none' };

const ALL: CustomerScope = { kind: 'all' };
const NONE: CustomerScope = { kind: 'none' };

export function customerScope(principal: Pick<Principal, 'role' | 'customerId'>): CustomerScope {
  switch (principal.role) {
    case 'ADMIN':
    case 'STAFF':
      return ALL;
    case 'CUSTOMER':
      return principal.customerId ? { kind: 'customer', customerId: principal.customerId } : NONE;
    default:
      return NONE;
  }
}

/** May a principal with this scope see data of this customer? */
export function inScope(scope: CustomerScope, customerId: string): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'customer' && scope.customerId === customerId;
}

/**
 * The customer a query must be confined to, combining the scope with a customer the caller asked
 * for. `undefined`: no confinement; `null`: the answer is empty (nothing the caller may see).
 */
export function confineToCustomer(
  scope: CustomerScope,
  requested: string | undefined,
): string | undefined | null {
  if (scope.kind === 'none') return null;
  if (scope.kind === 'all') return requested;
  if (requested !== undefined && requested !== scope.customerId) return null;
  return scope.customerId;
}

/**
 * Who may manage which people: ADMIN everyone, STAFF only CUSTOMER users, CUSTOMER nobody.
 * The same rule decides what a manager may see in the user list.
 */
export function mayManageRole(manager: Pick<Principal, 'role'>, target: Role): boolean {
  if (manager.role === 'ADMIN') return true;
  if (manager.role === 'STAFF') return target === 'CUSTOMER';
  return false;
}

/** The roles whose users a manager may see and change. */
export function manageableRoles(manager: Pick<Principal, 'role'>): Role[] {
  return (['ADMIN', 'STAFF', 'CUSTOMER'] as const).filter((role) => mayManageRole(manager, role));
}
