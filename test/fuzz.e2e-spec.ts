import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { ApiWorld, buildWorld, Credentials, fillPath } from './helpers/api-world';
import { BuiltService, servedDocument, startBuiltService } from './helpers/built-app';
import { changedTables, databaseFingerprint, viaPg } from './helpers/db-fingerprint';
import { waitForIdleRunsSql } from './helpers/escalation-fixtures';
import { HostileRequest, Operation, requestsFor } from './helpers/hostile-requests';
import { resolve } from './helpers/openapi-sample';

type Json = Record<string, any>;

/** At least 5,000 per CI run (the bar); FUZZ_RUNS raises it locally, FUZZ_SEED replays. */
const RUNS = Math.max(5_000, Number(process.env.FUZZ_RUNS ?? 0));
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const CHANGES = new Set(['post', 'put', 'patch', 'delete']);

jest.setTimeout(600_000);

/**
 * The document's schemas as JSON Schema for Ajv: OpenAPI 3.0's `nullable: true` (on a reference
 * too, as tools read `{ nullable, allOf: [$ref] }`) becomes "null, or the schema".
 */
function asJsonSchema(node: unknown): any {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Json;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, asJsonSchema(v)]));
  return nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

/**
 * Hostile requests, generated from the OpenAPI document the built service serves, for every
 * operation and every kind of caller (ADMIN, STAFF and CUSTOMER keys, signed-in people of each
 * role with their CSRF token, no credentials, a wrong key). The service must never answer 5xx,
 * must refuse with problem+json only, must change nothing when it refuses, and must answer with
 * statuses and bodies its document describes.
 */
describe('the built service under hostile requests', () => {
  let built: BuiltService;
  let doc: Json;
  let world: ApiWorld;
  let fingerprint: () => Promise<string>;
  const validators = new Map<string, ValidateFunction | null>();
  let ajv: Ajv;

  beforeAll(async () => {
    built = await startBuiltService({
      RATE_LIMIT_PER_MINUTE: '1000000',
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '1000',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000',
    });
    doc = await servedDocument(built);
    world = await buildWorld(built);
    fingerprint = await databaseFingerprint(viaPg(built.sql));
    ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(ajv);
    ajv.addSchema({ ...asJsonSchema(doc), $id: 'openapi' });
  }, 120_000);
  afterAll(() => built?.stop());

  /** The documented schema of a JSON success body, compiled once per operation and status. */
  function validatorFor(operation: Operation, status: number): ValidateFunction | null {
    const key = `${operation.route} ${status}`;
    if (!validators.has(key)) {
      const response = resolve(doc, operation.op.responses?.[status] ?? {});
      const schema = response?.content?.['application/json']?.schema;
      const pointer = (segments: string[]) =>
        segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      const ref = operation.op.responses[status]?.$ref
        ? `${operation.op.responses[status].$ref.slice(1)}/content/application~1json/schema`
        : `/${pointer(['paths', operation.path, operation.method, 'responses', String(status)])}/content/application~1json/schema`;
      validators.set(key, schema ? ajv.compile({ $ref: `openapi#${ref}` }) : null);
    }
    return validators.get(key)!;
  }

  async function send(request: HostileRequest) {
    let req = (built.http as any)[request.method](request.url).set(request.headers);
    if (request.body && 'json' in request.body) {
      req = req
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(request.body.json) ?? 'null');
    } else if (request.body && 'raw' in request.body) {
      const newline = request.body.raw.indexOf('\n');
      req = req
        .set('Content-Type', request.body.raw.slice(0, newline))
        .send(request.body.raw.slice(newline + 1));
    }
    return req.ok(() => true);
  }

  it(`answers ${RUNS} hostile requests without a 5xx, refusing only with problem+json, changing nothing`, async () => {
    const operations: Operation[] = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        route: `${method.toUpperCase()} ${path}`,
        path,
        method,
        op: item[method],
      })),
    );
    const strangers: Credentials[] = [
      { label: 'no credentials', role: 'CUSTOMER', headers: {} },
      { label: 'a wrong key', role: 'CUSTOMER', headers: { Authorization: 'Bearer otk_wrong' } },
      {
        label: 'a forged session',
        role: 'CUSTOMER',
        headers: { Cookie: 'ot_session=forged; ot_csrf=x', 'X-CSRF-Token': 'x' },
      },
    ];
    const callersFor = (operation: Operation) =>
      [...world.callers, ...strangers].filter(
        // Signing out would end the session the other requests of that person rely on.
        (caller) =>
          !(operation.path === '/auth/logout' && caller.headers.Cookie?.includes('ot_csrf=')),
      );
    const perOperation = operations.map((operation) =>
      requestsFor(doc, operation, world, callersFor(operation)).map((request) => ({
        request,
        operation,
      })),
    );
    // Methods a path does not take: 405 with Allow, whoever asks.
    const wrongMethod = fc
      .tuple(
        fc.constantFrom(...operations),
        fc.constantFrom(...METHODS),
        fc.constantFrom(...world.callers),
      )
      .filter(([operation, method]) => !(doc.paths[operation.path] as Json)[method])
      .map(([operation, method, caller]) => ({
        request: {
          route: `${method.toUpperCase()} ${operation.path}`,
          method,
          url: fillPath(operation.path, world),
          caller: caller.label,
          headers: caller.headers,
        } as HostileRequest,
        operation: undefined as Operation | undefined,
      }));
    const anyRequest = fc.oneof(
      { weight: 19, arbitrary: fc.oneof(...perOperation) },
      { weight: 1, arbitrary: wrongMethod },
    );

    const failures = new Map<string, { count: number; example: unknown }>();
    const fail = (request: HostileRequest, why: string, detail: unknown) => {
      const key = `${request.route}: ${why}`;
      const seen = failures.get(key);
      if (seen) seen.count++;
      else failures.set(key, { count: 1, example: { request, detail } });
    };
    const statuses = new Map<number, number>();
    let sent = 0;
    let before = await fingerprint();
    const started = Date.now();

    await fc.assert(
      fc.asyncProperty(anyRequest, async ({ request, operation }) => {
        const res = await send(request);
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const contentType = String(res.headers['content-type'] ?? '');
        if (res.status >= 500) fail(request, `${res.status}`, res.text.slice(0, 500));
        if (res.status >= 400) {
          const problem = res.body as Json;
          const isProblem =
            contentType.startsWith('application/problem+json') &&
            problem?.status === res.status &&
            typeof problem.type === 'string' &&
            typeof problem.title === 'string' &&
            typeof problem.detail === 'string';
          if (!isProblem) fail(request, `non-problem ${res.status}`, res.text.slice(0, 300));
        }
        if (operation === undefined) {
          if (res.status !== 405 || !res.headers.allow) {
            fail(request, 'a method the path does not take, not 405 with Allow', res.status);
          }
        } else {
          if (!(String(res.status) in operation.op.responses)) {
            fail(request, `undocumented status ${res.status}`, res.text.slice(0, 300));
          }
          if (res.status >= 200 && res.status < 300 && contentType.startsWith('application/json')) {
            const validate = validatorFor(operation, res.status);
            if (validate && !validate(res.body)) {
              fail(request, `${res.status} body does not match the document`, validate.errors);
            }
          }
        }
        // A run started by this request goes on in the background: let it finish first.
        if (res.status === 202) await waitForIdleRunsSql(viaPg(built.sql));
        const after = await fingerprint();
        if (res.status >= 400 && after !== before && CHANGES.has(request.method)) {
          fail(
            request,
            `refused with ${res.status} but changed data`,
            changedTables(before, after),
          );
        }
        before = after;
      }),
      { numRuns: RUNS, seed: SEED, verbose: false, endOnFailure: true },
    );

    const seconds = Math.round((Date.now() - started) / 1000);
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    process.stdout.write(`fuzz: ${sent} requests in ${seconds} s: ${summary.join(' ')}\n`);
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    const report = [...failures].map(([key, { count }]) => `${key} (×${count})`);
    if (process.env.FUZZ_DEBUG) {
      for (const [key, { example }] of failures) {
        process.stdout.write(`${key}\n${JSON.stringify((example as Json).detail).slice(0, 600)}\n`);
      }
    }
    // Every kind of failure, then one example of each of the first few.
    expect(report).toEqual([]);
    expect(Object.fromEntries([...failures].slice(0, 5))).toEqual({});
    // The generator reaches past validation too: successes and business-rule refusals.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});
