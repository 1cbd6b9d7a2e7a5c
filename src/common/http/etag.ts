import {
  PreconditionFailedError,
  PreconditionRequiredError,
  RequestValidationError,
} from '../errors/domain-errors';

/**
 * Strong entity tags for versioned resources (tasks, engagements): `"v<version>"`. If-Match uses
 * strong comparison (RFC 9110 §13.1.1), so weak tags (W/"…") never match.
 */
export function formatEtag(version: number): string {
  return `"v${version}"`;
}

/**
 * What an If-Match header asks for: any current representation, or one of some versions. `weak`
 * keeps the versions sent only as weak tags: they never match, but a refusal can say why.
 */
export type IfMatch = { any: true } | { any: false; versions: number[]; weak: number[] };

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3)
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const OUR_TAG = /^v([1-9]\d{0,9})$/;

const malformed = (message: string) =>
  new RequestValidationError(`The If-Match header is malformed: ${message}`, [
    { field: 'If-Match', message },
  ]);

/**
 * Parses an If-Match header value by RFC 9110 §13.1.1: `*`, or a comma-separated list of entity
 * tags (empty list elements allowed, §5.6.1). Undefined when the header is absent or empty (an
 * empty header counts as missing). Anything else is a 400 naming If-Match — an unquoted `v1`
 * with a hint how to quote it, rather than a false "changed since you read it". Tags that are
 * weak or not of this service's form parse, but never match.
 */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return { any: true };
  const versions: number[] = [];
  const weak: number[] = [];
  for (const element of header.split(',').map((part) => part.trim())) {
    if (element === '') continue;
    const tag = ENTITY_TAG.exec(element);
    if (!tag) {
      if (/^[\w.-]+$/.test(element)) {
        throw malformed(`entity tags are quoted: send "${element}" (with the double quotes)`);
      }
      throw malformed('must be * or a comma-separated list of quoted entity tags such as "v1"');
    }
    const ours = OUR_TAG.exec(tag[2]);
    if (ours && Number(ours[1]) <= 2_147_483_647) (tag[1] ? weak : versions).push(Number(ours[1]));
  }
  return { any: false, versions, weak };
}

/** Whether a parsed If-Match holds for the current version. */
export function ifMatchHolds(ifMatch: IfMatch, currentVersion: number): boolean {
  return ifMatch.any || ifMatch.versions.includes(currentVersion);
}

/**
 * Checks a parsed If-Match against the current version: nothing when absent (unless required,
 * 428), 412 naming the current ETag when it does not hold — or, when it names the current version
 * only as a weak tag, saying the W/ prefix is what fails.
 */
export function checkIfMatch(
  ifMatch: IfMatch | undefined,
  currentVersion: number,
  what: { name: string; required?: boolean },
): void {
  if (ifMatch === undefined) {
    if (what.required) {
      throw new PreconditionRequiredError(
        `Changing ${what.name} needs an If-Match header with its ETag (GET it to read it)`,
      );
    }
    return;
  }
  if (ifMatchHolds(ifMatch, currentVersion)) return;
  // The current version as a weak tag: saying it changed would send the client to read it again
  // and get the same tag; the W/ is what it has to drop.
  if (!ifMatch.any && ifMatch.weak.includes(currentVersion)) {
    const tag = formatEtag(currentVersion);
    const message = `W/${tag} is a weak tag, and weak tags never match: send ${tag}, without W/`;
    throw new PreconditionFailedError(`The If-Match header does not hold: ${message}`, {
      errors: [{ field: 'If-Match', message }],
    });
  }
  throw new PreconditionFailedError(
    `${what.name[0].toUpperCase()}${what.name.slice(1)} has changed since you read it (it is now at ${formatEtag(currentVersion)}); read it again and retry`,
  );
}
