import { signWebhook } from './webhook-signature';

/** One HTTP POST of a notification, signed; never throws, always says how it went. */
export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  body: string;
  timeoutMs: number;
  now?: () => number;
}

export interface WebhookResult {
  ok: boolean;
  /** Short, secret-free reason for a failure (status code, timeout, network error code). */
  error: string | null;
}

function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  // The URL may carry credentials; node's network errors name only the code and the address.
  return `network error${code ? `: ${code}` : ''}`;
}

export async function postWebhook(request: WebhookRequest): Promise<WebhookResult> {
  const timestamp = Math.floor((request.now ?? Date.now)() / 1000);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'onboarding-tracker-webhook/1',
        'X-Delivery-Id': request.deliveryId,
        'X-Timestamp': String(timestamp),
        'X-Signature': signWebhook(request.secret, timestamp, request.body),
      },
      body: request.body,
      // A redirect would send a signed payload somewhere nobody configured: treat it as a failure.
      redirect: 'manual',
      signal: controller.signal,
    });
    // Drain the body so the connection can be reused (and the timeout covers a slow body too).
    await response.arrayBuffer();
    if (response.status >= 200 && response.status < 300) return { ok: true, error: null };
    return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: describeFailure(error, timedOut, request.timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}
