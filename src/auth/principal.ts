export const ROLES = ['ADMIN', 'STAFF', 'CUSTOMER'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the API key that authenticated the request. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  /** Set for CUSTOMER keys only: the one customer whose data the key may see. */
  customerId: string | null;
}

/** The customer a principal is confined to, or undefined when it may see every customer. */
export function customerScope(principal: Principal): string | undefined {
  return principal.role === 'CUSTOMER' ? (principal.customerId ?? undefined) : undefined;
}
