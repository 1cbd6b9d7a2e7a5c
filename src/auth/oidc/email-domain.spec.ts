import { emailDomain, isAutoProvisionDomain } from './email-domain';

describe('emailDomain', () => {
  it('lower-cases the part after the last @', () => {
    expect(emailDomain('Ada@WSO2.com')).toBe('wso2.com');
    expect(emailDomain('"a@b"@example.org')).toBe('example.org');
  });
  it.each(['no-at', '@example.com', 'ada@'])('has none in %j', (email) =>
    expect(emailDomain(email)).toBeUndefined(),
  );
});

describe('isAutoProvisionDomain', () => {
  const domains = ['wso2.com', 'example.org'];
  it('matches a listed domain in any case', () => {
    expect(isAutoProvisionDomain('ada@wso2.com', domains)).toBe(true);
    expect(isAutoProvisionDomain('Ada@Example.ORG', domains)).toBe(true);
  });
  it.each(['ada@eng.wso2.com', 'ada@wso2.com.evil.example', 'ada@notwso2.com', 'wso2.com', 'ada@'])(
    'does not match %s',
    (email) => expect(isAutoProvisionDomain(email, domains)).toBe(false),
  );
  it('matches nothing when no domain is listed', () => {
    expect(isAutoProvisionDomain('ada@wso2.com', [])).toBe(false);
  });
});
