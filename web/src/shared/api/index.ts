export { api, onUnauthenticated, unwrap } from './client';
export { ApiError, type Problem } from './problem';
export type { components, paths } from './schema';

import type { components } from './schema';
/** A schema of the API's document by name, e.g. `Schema<'EngagementDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
export * from './vocabulary';
export type { QueryOf, RequestBody, ResponseBody } from './types';
