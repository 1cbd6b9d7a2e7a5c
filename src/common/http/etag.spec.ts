import { checkIfMatch, formatEtag, ifMatchHolds, parseIfMatch } from './etag';

describe('ETags', () => {
  it('formats a strong tag of the version', () => {
    expect(formatEtag(1)).toBe('"v1"');
    expect(formatEtag(42)).toBe('"v42"');
  });

  it('round-trips through If-Match', () => {
    expect(parseIfMatch(formatEtag(7))).toEqual({ any: false, versions: [7], weak: [] });
    expect(ifMatchHolds(parseIfMatch(formatEtag(7))!, 7)).toBe(true);
    expect(ifMatchHolds(parseIfMatch(formatEtag(7))!, 8)).toBe(false);
  });

  it('accepts lists (empty elements too) and the wildcard', () => {
    expect(parseIfMatch('"v1", "v3" ,"v5"')).toEqual({ any: false, versions: [1, 3, 5], weak: [] });
    expect(parseIfMatch(', "v2",,')).toEqual({ any: false, versions: [2], weak: [] });
    expect(parseIfMatch(' * ')).toEqual({ any: true });
  });

  it('treats an absent or empty header as missing', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('')).toBeUndefined();
    expect(parseIfMatch('   ')).toBeUndefined();
  });

  it('parses weak and foreign tags, which never match', () => {
    for (const header of ['"1"', '"v0"', '"v01"', '"abc"', '"v99999999999"', 'W/"abc"']) {
      expect({ header, parsed: parseIfMatch(header) }).toEqual({
        header,
        parsed: { any: false, versions: [], weak: [] },
      });
    }
    expect(parseIfMatch('W/"v1"')).toEqual({ any: false, versions: [], weak: [1] });
    expect(ifMatchHolds(parseIfMatch('W/"v1"')!, 1)).toBe(false);
  });

  it('says a weak tag of the current version fails for its W/, not for a change', () => {
    expect(() => checkIfMatch(parseIfMatch('W/"v3"'), 3, { name: 'the task' })).toThrow(
      /W\/"v3" is a weak tag, and weak tags never match: send "v3", without W\//,
    );
    expect(() => checkIfMatch(parseIfMatch('W/"v2"'), 3, { name: 'the task' })).toThrow(
      /The task has changed since you read it/,
    );
  });

  it('refuses what is not RFC 9110 syntax with a 400 naming If-Match', () => {
    for (const header of ['"v2"x', '"v7', 'v7"', '*, "v1"', '"v1" "v2"', 'W/v1', '"a"b"']) {
      expect(() => parseIfMatch(header)).toThrow(
        expect.objectContaining({ errors: [expect.objectContaining({ field: 'If-Match' })] }),
      );
    }
  });

  it('says how to quote an unquoted tag', () => {
    expect(() => parseIfMatch('v1')).toThrow(/send "v1" \(with the double quotes\)/);
  });

  it('checks: 428 when required and missing, 412 naming the current ETag when stale', () => {
    expect(() => checkIfMatch(undefined, 3, { name: 'the task', required: true })).toThrow(
      expect.objectContaining({ kind: 'precondition-required' }),
    );
    expect(() => checkIfMatch(undefined, 3, { name: 'the engagement' })).not.toThrow();
    expect(() => checkIfMatch(parseIfMatch('"v2"'), 3, { name: 'the engagement' })).toThrow(
      /The engagement has changed since you read it \(it is now at "v3"\)/,
    );
    expect(() => checkIfMatch(parseIfMatch('"v3"'), 3, { name: 'the engagement' })).not.toThrow();
  });
});
