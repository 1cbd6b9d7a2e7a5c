/** The domain of an email address, lower-cased: `Ada@WSO2.com` → `wso2.com`. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return undefined;
  return email.slice(at + 1).toLowerCase();
}

/**
 * Whether a verified email may be provisioned automatically: its domain is one of `domains`
 * exactly. Subdomains do not count — `eng.wso2.com` must be listed itself — so a listed domain
 * never lends its trust to hosts someone else may control.
 */
export function isAutoProvisionDomain(email: string, domains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== undefined && domains.includes(domain);
}
