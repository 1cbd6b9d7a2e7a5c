import createClient, { type Middleware } from 'openapi-fetch';
import { csrfToken, CSRF_HEADER, isSafeMethod, needsCsrfToken } from './csrf';
import { isSessionCall, toApiError } from './problem';
import type { paths } from './schema';
import { signInPath } from '@/shared/session/sign-in-path';

let unauthenticated: () => void = () => {
  window.location.assign(signInPath(window.location));
};

/** What to do when the session is gone (the app navigates to /login inside the router). */
export function onUnauthenticated(handler: () => void): void {
  unauthenticated = handler;
}

/** Answers to reads (GET, HEAD): their errors say "not loaded" rather than "not saved". */
const reads = new WeakSet<Response>();

const session: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (token && needsCsrfToken(request.method)) request.headers.set(CSRF_HEADER, token);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(response.url, window.location.origin).pathname;
    if (isSafeMethod(request.method)) reads.add(response);
    // Only a read leaves for the sign-in page. A refused save stays, with what the person typed:
    // its form says the session ended (ApiError.sessionEnded), they sign in again in another tab
    // and save again; leaving would throw their work away.
    if (response.status === 401 && isSessionCall(path) && isSafeMethod(request.method)) {
      unauthenticated();
    }
    return response;
  },
};

/** The typed client of the service's API (same origin; the session cookie goes along). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(session);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call; a failed one throws an ApiError carrying the problem document. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response, error, reads.has(response));
  return data as T;
}
