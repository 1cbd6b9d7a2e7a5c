import type { paths } from './schema';

/**
 * Request and response types by path and method, straight from the generated document, so code
 * does not depend on the service's DTO class names.
 */
type Operation<P extends keyof paths, M extends keyof paths[P]> = NonNullable<paths[P][M]>;

type Responses<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { responses: infer R } ? R : never;

/** The JSON body of the operation's 200/201 answer. */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P]> = {
  [S in keyof Responses<P, M>]: S extends 200 | 201
    ? Responses<P, M>[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never;
}[keyof Responses<P, M>];

/** The JSON body the operation takes. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;

/** The query parameters the operation takes. */
export type QueryOf<P extends keyof paths, M extends keyof paths[P]> = NonNullable<
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never
>;
