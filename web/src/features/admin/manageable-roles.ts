import { ROLES, type Role } from '@/shared/api';

/**
 * The roles of the people a signed-in person may invite and manage, as the API decides them
 * (ADMIN: everyone; STAFF: customers' engineers). The app only offers these; the API enforces.
 */
export function manageableRoles(role: Role | undefined): readonly Role[] {
  if (role === 'ADMIN') return ROLES;
  if (role === 'STAFF') return ['CUSTOMER'];
  return [];
}
