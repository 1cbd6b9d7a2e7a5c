import type { OpenAPIObject } from '@nestjs/swagger';
import { REQUEST_ID_PATTERN } from '../http/request-id';

// The document is walked as plain JSON: any member may be absent or of any shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** What each tag of the API is about (Swagger UI shows it above the tag's operations). */
const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness and readiness of the service',
  auth: 'Signing in and out: password, single sign-on, invitation links',
  me: 'The caller: who they are, their password',
  users: 'People and their invitations',
  'api-keys': 'API keys for machines',
  templates: 'RACI templates of the management models, versioned and immutable',
  customers: 'Customers being onboarded',
  engagements: "One customer's onboarding on one template version",
  tasks: "An engagement's tasks: status, due date, assignee, note",
  audit: "An engagement's append-only history",
  reports: 'Who is accountable for what is overdue',
  escalations: 'Escalation runs: overdue tasks notified level by level',
  notifications: 'Escalation notifications and their webhook delivery',
};

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
};
const header = (description: string, schema: Json) => ({ description, schema });
const HEADERS: Record<string, Json> = {
  'X-Request-Id': header(
    "The request's id (the caller's X-Request-Id when acceptable, else a new UUID), also in the logs",
    { type: 'string', pattern: REQUEST_ID_PATTERN.source },
  ),
  ETag: header('The version of the resource, for If-Match: `"v<version>"`', {
    type: 'string',
    pattern: '^"v[1-9][0-9]*"$',
  }),
  Location: header('Where the created resource (or the started run) is', { type: 'string' }),
  'Idempotent-Replayed': header(
    '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    { type: 'string', enum: ['true'] },
  ),
  'Retry-After': header('Seconds to wait before trying again', { type: 'integer', minimum: 0 }),
  'X-RateLimit-Limit': header('Requests allowed per window', { type: 'integer', minimum: 1 }),
  'X-RateLimit-Remaining': header('Requests left in the current window', {
    type: 'integer',
    minimum: 0,
  }),
  'X-RateLimit-Reset': header('Seconds until the window resets', { type: 'integer', minimum: 0 }),
  'RateLimit-Policy': header('The quota and window, as `"default";q=<limit>;w=<seconds>`', {
    type: 'string',
  }),
  RateLimit: header('Where the caller stands, as `"default";r=<remaining>;t=<seconds>`', {
    type: 'string',
  }),
};
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });
const RATE_LIMIT_HEADERS = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'RateLimit-Policy',
  'RateLimit',
];

/** The problem responses, by status: name, description, and headers beyond X-Request-Id. */
const PROBLEMS: Record<number, [name: string, description: string, headers?: string[]]> = {
  400: ['BadRequest', 'Invalid input: `errors` names each offending field'],
  401: ['Unauthorized', 'No valid API key or session'],
  403: [
    'Forbidden',
    'Not allowed for this role, or a change sent with a session cookie but without X-CSRF-Token, or cross-site',
  ],
  404: ['NotFound', 'No such resource (or not visible to this caller)'],
  405: ['MethodNotAllowed', 'The resource does not take this method; Allow lists those it takes'],
  409: ['Conflict', 'The change conflicts with the current state of the resource'],
  412: ['PreconditionFailed', 'If-Match does not name the current version; read it again'],
  413: ['PayloadTooLarge', 'The body is larger than 1 MiB'],
  415: ['UnsupportedMediaType', 'The body is not application/json (or its encoding is unknown)'],
  422: ['UnprocessableContent', 'Well-formed, but breaks a business rule (`errors` says which)'],
  428: ['PreconditionRequired', 'An If-Match header with the ETag is required'],
  429: [
    'TooManyRequests',
    'Rate limit reached, or too many failed authentications from this address',
    ['Retry-After', ...RATE_LIMIT_HEADERS],
  ],
  503: ['ServiceUnavailable', 'The database cannot be reached right now', ['Retry-After']],
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const CHANGES = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Completes the document Nest builds so that it tells the truth about the wire: every operation's
 * error responses (problem+json) and response headers, public operations marked public, integers
 * as integers, ids as UUIDs, and nullable references that tools read alike.
 */
export function completeOpenApiDocument(built: OpenAPIObject): OpenAPIObject {
  // A copy: Nest's document shares objects with decorator metadata that the next build reuses.
  const document = structuredClone(built);
  const doc = document as Json;
  if (!doc.servers?.length) doc.servers = [{ url: '/', description: 'This service' }];
  doc.info.license ??= { name: 'UNLICENSED' };
  doc.components ??= {};
  doc.components.headers = { ...HEADERS };
  doc.components.responses = Object.fromEntries(
    Object.values(PROBLEMS).map(([name, description, headers = []]) => [
      name,
      {
        description,
        headers: Object.fromEntries(['X-Request-Id', ...headers].map((h) => [h, ref(h)])),
        content: problemContent,
      },
    ]),
  );
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of METHODS) {
      const operation = (item as Json)[method];
      if (!operation) continue;
      (operation.tags ?? []).forEach((tag: string) => tags.add(tag));
      completeOperation(path, method, operation);
    }
  }
  doc.tags = [...tags].sort().map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? name,
  }));
  for (const schema of Object.values(doc.components.schemas ?? {})) tightenSchema(schema as Json);
  return document;
}

function completeOperation(path: string, method: string, operation: Json): void {
  const secured = (operation.security ?? []).some(
    (requirement: Json) => Object.keys(requirement).length > 0,
  );
  if (!secured) operation.security = [];
  const health = path.startsWith('/health/');
  const parameters: Json[] = operation.parameters ?? [];
  for (const parameter of parameters) {
    if (parameter.in === 'path' && /^(id|.+Id)$/.test(parameter.name)) {
      parameter.schema = { type: 'string', format: 'uuid' };
    }
    if (parameter.schema) tightenSchema(parameter.schema);
  }

  const statuses = new Set<number>(operation['x-problems'] ?? []);
  delete operation['x-problems'];
  // Any request can carry a malformed query, path or body (even a GET), or one over 1 MiB.
  statuses.add(400).add(413);
  // A body that is not JSON is refused on every method that may carry one.
  if (CHANGES.has(method)) statuses.add(415);
  if (secured) statuses.add(401).add(403);
  if (CHANGES.has(method)) statuses.add(403); // cross-site changes are refused before anything
  if (parameters.some((p) => p.in === 'path')) statuses.add(404);
  if (!health) statuses.add(429);
  if (path !== '/health/live') statuses.add(503);

  const responses: Json = (operation.responses ??= {});
  // Error responses the controller documented itself are completed too.
  for (const code of Object.keys(responses))
    if (/^[45]\d\d$/.test(code)) statuses.add(Number(code));
  for (const status of [...statuses].sort()) {
    const given = responses[status];
    if (!given) {
      const [name] = PROBLEMS[status];
      responses[status] = { $ref: `#/components/responses/${name}` };
    } else if (!given.$ref) {
      // Documented by the controller (its own words): give it the problem body and headers.
      if (Object.keys(given.content ?? {}).length === 0) given.content = problemContent;
      given.headers = { 'X-Request-Id': ref('X-Request-Id'), ...(given.headers ?? {}) };
    }
  }

  const extra: string[] = operation['x-success-headers'] ?? [];
  delete operation['x-success-headers'];
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[23]\d\d$/.test(status) || (response as Json).$ref) continue;
    const headers: Json = ((response as Json).headers ??= {});
    headers['X-Request-Id'] ??= ref('X-Request-Id');
    for (const name of [...extra, ...(health ? [] : RATE_LIMIT_HEADERS)])
      headers[name] ??= ref(name);
  }
}

/**
 * The API has no fractional numbers: every number is an integer. A string property named `id`
 * or `…Id` is a UUID unless it says otherwise (a format, pattern or enum of its own). A nullable
 * reference gets the type tools want beside `nullable`.
 */
function tightenSchema(schema: Json): void {
  if (!schema || typeof schema !== 'object') return;
  if (schema.type === 'number' && !schema.format) schema.type = 'integer';
  if (schema.nullable && !schema.type) {
    if (schema.$ref) {
      schema.allOf = [{ $ref: schema.$ref }];
      delete schema.$ref;
    }
    // Only a nullable reference to an object schema is an object; `oneOf` of primitives is not.
    const parts: Json[] = schema.allOf ?? schema.oneOf ?? [];
    if (parts.length > 0 && parts.every((part) => part.$ref)) schema.type = 'object';
  }
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Json)) {
    const p = property as Json;
    if (/^(id|.+Id)$/.test(name) && p.type === 'string' && !p.format && !p.pattern && !p.enum) {
      p.format = 'uuid';
    }
    tightenSchema(p);
  }
  if (schema.items) tightenSchema(schema.items);
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    for (const part of schema[key] ?? []) tightenSchema(part);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    tightenSchema(schema.additionalProperties);
  }
}
