export const ROLES = ['ADMIN', 'STAFF', 'CUSTOMER'] as const;
export type Role = (typeof ROLES)[number];

export const PRINCIPAL_KINDS = ['user', 'key'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** Who is calling: a signed-in person or an API key. Both are authorised by the same policy. */
export interface Principal {
  kind: PrincipalKind;
  /** The user id or the API key id. */
  id: string;
  name: string;
  /** Users only. */
  email: string | null;
  role: Role;
  /** Set for CUSTOMER principals only: the one customer whose data they may see. */
  customerId: string | null;
  /** The session of a user signed in by cookie. */
  sessionId?: string;
}

/** A signed-in person as a principal: named by their name, or their email when they gave none. */
export function principalOfUser(
  user: { id: string; name: string | null; email: string; role: Role; customerId: string | null },
  sessionId?: string,
): Principal {
  return {
    kind: 'user',
    id: user.id,
    name: user.name ?? user.email,
    email: user.email,
    role: user.role,
    customerId: user.customerId,
    ...(sessionId === undefined ? {} : { sessionId }),
  };
}
