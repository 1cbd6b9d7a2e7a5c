import { expectedVersion, formatEtag, ifMatchHolds, parseIfMatch } from './etag';

describe('ETags', () => {
  it('formats a strong tag of the version', () => {
    expect(formatEtag(1)).toBe('"v1"');
    expect(formatEtag(42)).toBe('"v42"');
  });

  it('round-trips through If-Match', () => {
    expect(parseIfMatch(formatEtag(7))).toEqual({ any: false, versions: [7] });
    expect(ifMatchHolds(formatEtag(7), 7)).toBe(true);
    expect(ifMatchHolds(formatEtag(7), 8)).toBe(false);
  });

  it('accepts lists and the wildcard', () => {
    expect(parseIfMatch('"v1", "v3" ,"v5"')).toEqual({ any: false, versions: [1, 3, 5] });
    expect(ifMatchHolds('"v1", "v3"', 3)).toBe(true);
    expect(parseIfMatch(' * ')).toEqual({ any: true });
    expect(ifMatchHolds('*', 99)).toBe(true);
  });

  it('never matches weak, foreign or malformed tags', () => {
    expect(parseIfMatch('W/"v1"')).toEqual({ any: false, versions: [] });
    expect(parseIfMatch('"1"')).toEqual({ any: false, versions: [] });
    expect(parseIfMatch('v1')).toEqual({ any: false, versions: [] });
    expect(parseIfMatch('"v0"')).toEqual({ any: false, versions: [] });
    expect(parseIfMatch('"v01"')).toEqual({ any: false, versions: [] });
    expect(ifMatchHolds('', 1)).toBe(false);
    expect(ifMatchHolds('W/"v1"', 1)).toBe(false);
  });

  it('names the single expected version only when there is exactly one', () => {
    expect(expectedVersion('"v4"')).toBe(4);
    expect(expectedVersion('"v4", "v5"')).toBeUndefined();
    expect(expectedVersion('*')).toBeUndefined();
    expect(expectedVersion('garbage')).toBeUndefined();
  });
});
