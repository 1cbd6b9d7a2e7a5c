import fc from 'fast-check';
import type { ApiWorld, Credentials } from './api-world';
import { fillPath } from './api-world';
import { resolve, sampleOf } from './openapi-sample';

type Json = Record<string, any>;

/** One operation of the served document, as the generator needs it. */
export interface Operation {
  route: string;
  path: string;
  method: string;
  op: Json;
}

/** A request as sent: everything about it was drawn by fast-check. */
export interface HostileRequest {
  route: string;
  method: string;
  url: string;
  caller: string;
  headers: Record<string, string>;
  /** A JSON value to send as JSON, or raw text (with its own Content-Type). */
  body?: { json: unknown } | { raw: string };
}

/** Strings that have broken services: NUL, lone surrogates, huge numbers, dates past 9999, … */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x\ud800y',
  '\udc00',
  '\ud83d',
  '%00',
  '../../etc/passwd',
  'null',
  '[]',
  '{}',
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '+275760-09-13',
  '2147483648',
  '99999999999999999999',
  '-1',
  '1e309',
  'NaN',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '\u202eevil',
  '😀'.repeat(50),
  'A'.repeat(5000),
  '__proto__',
  'W/"v1"',
  '"v1"x',
  'v1',
];

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Any JSON value a client could send, weighted towards the troublesome ones. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      0,
      -1,
      1.5,
      2147483648,
      -2147483649,
      Number.MAX_SAFE_INTEGER,
      1e308,
      true,
      false,
      [],
      [[]],
      {},
      [null],
      { __proto__: { admin: true } },
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }) },
);

/** Printable ASCII only: Node refuses to send anything else in a header. */
const headerText = fc.oneof(
  fc.constantFrom('', ' ', '*', 'v1', '"v1"', 'W/"v1"', '"v2"x', '"v1", "v2"', 'x'.repeat(300)),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 40,
  }),
);

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** Raw bodies that are not (quite) JSON, or JSON the parser reads in unusual ways. */
const RAW_BODIES: [contentType: string, body: string][] = [
  ['application/json', '{'],
  ['application/json', '{"a":1,}'],
  ['application/json', 'null'],
  ['application/json', '"just a string"'],
  ['application/json', '12345678901234567890'],
  ['application/json', '{"name":"x\\ud800"}'],
  ['application/json', '{"name":"x\\u0000"}'],
  ['application/json', '{"__proto__":{"role":"ADMIN"}}'],
  ['application/json', '{"constructor":{"prototype":{"x":1}}}'],
  ['application/json', '\ufeff{"name":"bom"}'],
  ['application/json', deep(3000)],
  ['application/json', `{"a":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`],
  [
    'application/json',
    JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]))),
  ],
  ['application/json', JSON.stringify({ tasks: Array.from({ length: 3000 }, () => []) })],
  ['application/json; charset=utf-16', '{"name":"x"}'],
  ['application/merge-patch+json', '{"name":null}'],
  ['text/plain', '{"name":"plain"}'],
  ['application/x-www-form-urlencoded', 'name=form'],
  ['application/xml', '<name>x</name>'],
  [
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
  ],
];

/**
 * A value for a schema: mostly what Swagger UI would offer (so requests get past the first
 * check and reach deeper ones), often with one member replaced by something hostile, dropped,
 * or joined by an unknown member.
 */
function valueFor(doc: Json, node: Json, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, node) ?? {};
  const parts = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (parts && depth < 6) return valueFor(doc, parts[0], depth + 1);
  const sample = fc.constant(sampleOf(doc, schema));
  if (schema.type === 'object' && schema.properties && depth < 6) {
    const names = Object.keys(schema.properties as Json);
    const members = Object.fromEntries(
      names.map((name) => [name, valueFor(doc, (schema.properties as Json)[name], depth + 1)]),
    );
    const base = sampleOf(doc, schema) as Json;
    return fc.oneof(
      // What Swagger UI offers with one member changed or dropped: gets past validation often
      // enough to reach the business rules and the database.
      {
        weight: 3,
        arbitrary: fc.tuple(fc.constantFrom(...names), fc.boolean()).chain(([name, drop]) =>
          (drop ? fc.constant(undefined) : (members[name] as fc.Arbitrary<unknown>)).map(
            (value) => {
              const copy: Json = { ...base };
              if (value === undefined) delete copy[name];
              else copy[name] = value;
              return copy;
            },
          ),
        ),
      },
      { weight: 2, arbitrary: fc.record(members, { requiredKeys: [] }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.record(members, { requiredKeys: [] }), fc.string({ maxLength: 10 }), nastyValue)
          .map(([value, key, extra]) => ({ ...(value as object), [key || 'extra']: extra })),
      },
      { weight: 1, arbitrary: nastyValue },
    );
  }
  if (schema.type === 'array' && depth < 6) {
    return fc.oneof(
      {
        weight: 3,
        arbitrary: fc.array(valueFor(doc, schema.items ?? {}, depth + 1), { maxLength: 3 }),
      },
      { weight: 1, arbitrary: nastyValue },
      { weight: 1, arbitrary: fc.constant(Array.from({ length: 1500 }, () => 0)) },
    );
  }
  const typed =
    schema.type === 'integer'
      ? fc.oneof(fc.integer(), fc.constantFrom(0, 1, 2147483647, 2147483648, -1))
      : schema.type === 'boolean'
        ? fc.boolean()
        : schema.enum
          ? fc.constantFrom(...(schema.enum as unknown[]))
          : nastyString;
  return fc.oneof(
    { weight: 3, arbitrary: sample },
    { weight: 2, arbitrary: typed },
    { weight: 2, arbitrary: nastyValue },
  );
}

/** As a browser would: a lone surrogate cannot be UTF-8, so it goes as U+FFFD. */
const encode = (text: string) =>
  encodeURIComponent(
    text.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );

const encodePathValue = fc.oneof(
  { weight: 1, arbitrary: nastyString.map((s) => encode(s) || 'x') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '%00',
      '%zz',
      '%E0%A4%A',
      '%ED%A0%80',
      '..',
      '%2e%2e',
      '0',
      '99999999999999999999',
    ),
  },
);

/** Requests for one operation, each as some caller, with every part possibly hostile. */
export function requestsFor(
  doc: Json,
  operation: Operation,
  world: ApiWorld,
  callers: Credentials[],
): fc.Arbitrary<HostileRequest> {
  const { op, path, method } = operation;
  const parameters: Json[] = (op.parameters ?? []).map((p: Json) => resolve(doc, p));
  const pathParams = parameters.filter((p) => p.in === 'path').map((p) => p.name as string);
  const queryParams = parameters.filter((p) => p.in === 'query');
  const headerParams = parameters.filter((p) => p.in === 'header').map((p) => p.name as string);
  const valid = fillPath(path, world);

  const url = fc
    .tuple(
      fc.record(
        Object.fromEntries(
          pathParams.map((name) => [name, fc.option(encodePathValue, { freq: 2, nil: undefined })]),
        ),
      ),
      fc.array(
        fc.tuple(
          fc.oneof(
            {
              weight: 4,
              arbitrary: fc.constantFrom(
                ...(queryParams.length ? queryParams.map((q) => q.name) : ['x']),
              ),
            },
            { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
          ),
          fc.oneof(
            {
              weight: 3,
              arbitrary: fc.oneof(
                ...queryParams.map((q) => valueFor(doc, q.schema ?? {})),
                nastyValue,
              ),
            },
            { weight: 1, arbitrary: fc.constantFrom('%00', '%', '%E0%A4%A', 'a&b=c', '') },
          ),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([overrides, query]) => {
      // Segment by segment: a parameter left alone takes the world's value, in context.
      const template = path.split('/');
      const concrete = valid
        .split('/')
        .map((segment, i) => {
          const name = /^\{(.+)\}$/.exec(template[i] ?? '')?.[1];
          return name !== undefined && overrides[name] !== undefined ? overrides[name] : segment;
        })
        .join('/');
      const search = query
        .map(([key, value]) => {
          const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
          // Raw escapes are sent as they are; everything else encoded as a client would.
          const raw = /^%|&/.test(text) && text.length < 12;
          return `${encode(key)}=${raw ? text : encode(text)}`;
        })
        .join('&');
      return search ? `${concrete}?${search}` : concrete;
    });

  const caller = fc.constantFrom(...callers);
  const extraHeaders = fc.record(
    {
      'If-Match': headerText,
      'Idempotency-Key': headerText,
      'X-Request-Id': headerText,
      Accept: fc.constantFrom(
        'application/json',
        'text/csv',
        '*/*',
        'application/xml',
        'text/html',
        'x/y;q=0',
      ),
      'X-CSRF-Token': headerText,
    },
    { requiredKeys: [] },
  );
  const documentedHeaders = fc.record(
    Object.fromEntries(
      headerParams.map((name) => [name, fc.oneof(headerText, fc.constantFrom('"v1"', '*'))]),
    ),
    { requiredKeys: [] },
  );

  const media = resolve(doc, op.requestBody ?? {})?.content?.['application/json'];
  const body: fc.Arbitrary<HostileRequest['body']> = media
    ? fc.oneof(
        { weight: 6, arbitrary: valueFor(doc, media.schema).map((json) => ({ json })) },
        { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }).map((json) => ({ json })) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...RAW_BODIES)
            .map(([type, raw]) => ({ raw: `${type}\n${raw}` })),
        },
      )
    : fc.oneof(
        { weight: 5, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: nastyValue.map((json) => ({ json })) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...RAW_BODIES)
            .map(([type, raw]) => ({ raw: `${type}\n${raw}` })),
        },
      );

  return fc
    .tuple(url, caller, extraHeaders, documentedHeaders, body)
    .map(([target, who, extra, documented, payload]) => {
      const headers: Record<string, string> = { ...who.headers };
      for (const [name, value] of Object.entries({ ...extra, ...documented })) {
        if (value === undefined) continue;
        // A person's browser sends its own CSRF token; a drawn one replaces it only sometimes.
        if (name === 'X-CSRF-Token' && who.headers['X-CSRF-Token'] && value.length % 3 !== 0)
          continue;
        headers[name] = value as string;
      }
      return {
        route: operation.route,
        method,
        url: target,
        caller: who.label,
        headers,
        body: payload,
      };
    });
}
