/** Paths the service answers itself; every other GET is a route of the single-page web app. */
// Case-insensitive, as Express's routing is: GET /API/V1/… reaches the API, as a POST there does.
const SERVICE_PATHS = /^\/(api|auth|health)(\/|$)|^\/docs/i;

export function isServicePath(path: string): boolean {
  return SERVICE_PATHS.test(path);
}
