/**
 * Strong entity tags for versioned resources: `"v<version>"`. If-Match uses strong comparison
 * (RFC 9110 §13.1.1), so weak tags (W/"…") never match.
 */
export function formatEtag(version: number): string {
  return `"v${version}"`;
}

/** What an If-Match header asks for: any current representation, or one of some versions. */
export type IfMatch = { any: true } | { any: false; versions: number[] };

/**
 * Parses an If-Match header value. Tags that are weak or not ours are kept out of `versions`, so
 * they fail the precondition rather than the request.
 */
export function parseIfMatch(header: string): IfMatch {
  if (header.trim() === '*') return { any: true };
  const versions: number[] = [];
  for (const tag of header.match(/(W\/)?"[^"]*"/g) ?? []) {
    const match = /^"v([1-9]\d{0,9})"$/.exec(tag);
    if (match) versions.push(Number(match[1]));
  }
  return { any: false, versions };
}

/** Whether an If-Match header value matches the current version. */
export function ifMatchHolds(header: string, currentVersion: number): boolean {
  const parsed = parseIfMatch(header);
  return parsed.any || parsed.versions.includes(currentVersion);
}

/** The single version an If-Match header names, when it names exactly one (else undefined). */
export function expectedVersion(header: string): number | undefined {
  const parsed = parseIfMatch(header);
  return !parsed.any && parsed.versions.length === 1 ? parsed.versions[0] : undefined;
}
