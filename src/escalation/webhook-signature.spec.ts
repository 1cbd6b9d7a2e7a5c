import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'shh-very-secret';
  const body = '{"notificationId":"n1","level":1}';
  const timestamp = 1_790_000_000;

  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook(secret, timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a genuine signature within the tolerance', () => {
    const signature = signWebhook(secret, timestamp, body);
    expect(
      verifyWebhookSignature({
        secret,
        signature,
        timestamp: String(timestamp),
        body,
        nowSeconds: timestamp + 299,
      }),
    ).toBe(true);
  });

  it('refuses a changed body, another secret, a stale or missing timestamp', () => {
    const signature = signWebhook(secret, timestamp, body);
    const ok = { secret, signature, timestamp: String(timestamp), body, nowSeconds: timestamp };
    expect(verifyWebhookSignature({ ...ok, body: body.replace('1}', '2}') })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, secret: 'other' })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, nowSeconds: timestamp + 301 })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, timestamp: String(timestamp + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, timestamp: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, signature: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...ok, signature: 'sha256=00' })).toBe(false);
  });
});
