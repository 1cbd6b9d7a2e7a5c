import { signal } from '@/shared/state/signal';

/**
 * A read was refused because the session ended while a form held unsaved input, so the page
 * stayed rather than going to sign-in: the app shell says so until a call goes through again
 * (the person signed in again in another tab).
 */
export const sessionEnded = signal(false);
