import { canonicalJson, isValidIdempotencyKey, requestFingerprint } from './request-fingerprint';

describe('request fingerprints', () => {
  it('ignores key order and absent (undefined) members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, z: undefined })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(requestFingerprint({ a: 1, b: 2 })).toBe(requestFingerprint({ b: 2, a: 1 }));
  });

  it('distinguishes different content', () => {
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
    expect(requestFingerprint({ a: [1, 2] })).not.toBe(requestFingerprint({ a: [2, 1] }));
    expect(requestFingerprint({ a: null })).not.toBe(requestFingerprint({}));
  });

  it('accepts visible ASCII keys up to 255 characters', () => {
    expect(isValidIdempotencyKey('3f0e2c1a-7b7e-4c1f-9a55-1c2d3e4f5a6b')).toBe(true);
    expect(isValidIdempotencyKey('x'.repeat(255))).toBe(true);
    expect(isValidIdempotencyKey('x'.repeat(256))).toBe(false);
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('has space')).toBe(false);
  });
});
