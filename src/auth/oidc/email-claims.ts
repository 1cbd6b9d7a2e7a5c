/**
 * What an OpenID provider says about a person's email, read from one set of claims (the ID
 * token's or userinfo's).
 *
 * The standard verdict is `email_verified`. Microsoft Entra ID never sends it; its signal is the
 * optional claim `xms_edov` ("email domain owner verified": the email's domain belongs to the
 * person's tenant and the tenant proved it owns the domain). Entra's plain `email` claim can be
 * set by tenant administrators to any address (the "nOAuth" problem), so an Entra email counts
 * only with `xms_edov`. `xms_edov` is read only when `email_verified` is absent: a provider that
 * says `email_verified: false` has the last word.
 *
 * With OIDC_TRUST_EMAIL (`trustEmail`), an email that comes with neither claim counts as verified:
 * for a provider whose addresses the organisation assigns and that never says so. An explicit
 * `false` is still a refusal.
 */
export interface EmailClaims {
  email: string | undefined;
  emailVerified: boolean;
}

/** Whether these claims carry an email and a verdict on it, so no other source is needed. */
export function carriesEmailVerdict(claims: Record<string, unknown>): boolean {
  return (
    typeof claims.email === 'string' &&
    (claims.email_verified !== undefined || claims.xms_edov !== undefined)
  );
}

export function emailClaimsOf(claims: Record<string, unknown>, trustEmail = false): EmailClaims {
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  // Only a JSON true counts: a provider that says nothing has verified nothing, unless trusted.
  const verdict = claims.email_verified !== undefined ? claims.email_verified : claims.xms_edov;
  const verified = verdict === undefined ? trustEmail : verdict === true;
  return { email, emailVerified: email !== undefined && verified };
}
