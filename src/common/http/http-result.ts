import type { Response } from 'express';

/** A response whose status and headers the service decides (creates, replays, ETags). */
export interface HttpResult<T> {
  status: number;
  body: T;
  location?: string | null;
  headers?: Record<string, string>;
}

/** Applies a service's HttpResult to the Express response and returns the body for Nest to send. */
export async function sendResult<T>(
  response: Response,
  result: Promise<HttpResult<T>>,
): Promise<T> {
  const { status, body, location, headers } = await result;
  response.status(status);
  if (location) response.setHeader('Location', location);
  for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
  return body;
}
