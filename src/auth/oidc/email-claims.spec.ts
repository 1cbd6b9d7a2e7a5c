import { carriesEmailVerdict, emailClaimsOf } from './email-claims';

const email = 'ada@customer.example';

describe('emailClaimsOf', () => {
  it.each([
    [{ email, email_verified: true }, true],
    [{ email, email_verified: false }, false],
    // Microsoft Entra ID: no email_verified, its own xms_edov instead.
    [{ email, xms_edov: true }, true],
    [{ email, xms_edov: false }, false],
    // email_verified has the last word when both are present.
    [{ email, email_verified: false, xms_edov: true }, false],
    [{ email, email_verified: true, xms_edov: false }, true],
    // Only JSON true counts, and silence verifies nothing.
    [{ email, email_verified: 'true' }, false],
    [{ email, xms_edov: 'true' }, false],
    [{ email, xms_edov: 1 }, false],
    [{ email }, false],
  ])('reads %j as verified: %s', (claims, verified) => {
    expect(emailClaimsOf(claims)).toEqual({ email, emailVerified: verified });
  });

  describe('with OIDC_TRUST_EMAIL', () => {
    it.each([
      [{ email }, true],
      [{ email, email_verified: true }, true],
      // An explicit no is still a no.
      [{ email, email_verified: false }, false],
      [{ email, xms_edov: false }, false],
      [{ email, email_verified: false, xms_edov: true }, false],
    ])('reads %j as verified: %s', (claims, verified) => {
      expect(emailClaimsOf(claims, true)).toEqual({ email, emailVerified: verified });
    });
    it('still needs an email', () => {
      expect(emailClaimsOf({ name: 'Ada' }, true).emailVerified).toBe(false);
    });
  });

  it('has no verified email without an email', () => {
    expect(emailClaimsOf({ email_verified: true })).toEqual({
      email: undefined,
      emailVerified: false,
    });
    expect(emailClaimsOf({ email: 42, xms_edov: true })).toEqual({
      email: undefined,
      emailVerified: false,
    });
  });
});

describe('carriesEmailVerdict', () => {
  it('is true for an email with either verdict', () => {
    expect(carriesEmailVerdict({ email, email_verified: false })).toBe(true);
    expect(carriesEmailVerdict({ email, xms_edov: true })).toBe(true);
  });
  it('is false without an email or without a verdict (userinfo may have them)', () => {
    expect(carriesEmailVerdict({ email })).toBe(false);
    expect(carriesEmailVerdict({ email_verified: true, xms_edov: true })).toBe(false);
  });
});
