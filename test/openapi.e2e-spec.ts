import SwaggerParser from '@apidevtools/swagger-parser';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROBLEM_EXTENSION_MEMBERS } from '../src/common/errors/domain-errors';
import { ApiWorld, buildWorld, fillPath } from './helpers/api-world';
import { BuiltService, servedDocument, startBuiltService } from './helpers/built-app';
import { placeholders, requestBodySample, resolve } from './helpers/openapi-sample';
import { ROOT } from './helpers/service-process';

jest.setTimeout(120_000);

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The document production serves: the built service's /docs/openapi.json. */
describe('OpenAPI document of the built service', () => {
  let built: BuiltService;
  let doc: Json;
  const operations: { route: string; path: string; method: string; op: Json }[] = [];

  beforeAll(async () => {
    built = await startBuiltService();
    doc = await servedDocument(built);
    for (const [p, item] of Object.entries(doc.paths as Json)) {
      for (const method of METHODS) {
        if (item[method]) {
          operations.push({
            route: `${method.toUpperCase()} ${p}`,
            path: p,
            method,
            op: item[method],
          });
        }
      }
    }
  });
  afterAll(() => built.stop());

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('serves the UI publicly', async () => {
    const res = await built.http.get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });

  it('puts every API route under /api/v1, health and signing in aside', () => {
    for (const route of Object.keys(doc.paths)) {
      expect(route).toMatch(/^\/(api\/v1\/|health\/(live|ready)$|auth\/)/);
    }
  });

  it('accepts an API key or a session cookie wherever it needs either', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie', name: 'ot_session' },
    });
    expect(doc.paths['/api/v1/me'].get.security).toEqual([{ bearer: [] }, { session: [] }]);
    // Public operations say so, rather than leaving it open.
    expect(doc.paths['/auth/login'].post.security).toEqual([]);
  });

  it('documents every DTO: each schema has typed properties', () => {
    const schemas = Object.entries(doc.components.schemas as Json);
    expect(schemas.length).toBeGreaterThan(0);
    for (const [name, schema] of schemas) {
      if (schema.enum) continue;
      expect({ name, properties: Object.keys(schema.properties ?? {}).length > 0 }).toEqual({
        name,
        properties: true,
      });
      for (const [prop, spec] of Object.entries(schema.properties as Json)) {
        const typed = spec.type || spec.$ref || spec.allOf || spec.oneOf || spec.anyOf || spec.enum;
        expect({ schema: name, prop, typed: Boolean(typed) }).toEqual({
          schema: name,
          prop,
          typed: true,
        });
      }
    }
  });

  it('has one schema per name: no two DTO classes of the build share a name', () => {
    // Swagger keys schemas by class name: a second class of the same name silently replaces the first.
    const owners = new Map<string, string[]>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.js') && !file.includes(`${path.sep}generated${path.sep}`)) {
          for (const [, name] of fs.readFileSync(file, 'utf8').matchAll(/^class (\w+Dto)\b/gm)) {
            owners.set(name, [...(owners.get(name) ?? []), path.relative(ROOT, file)]);
          }
        }
      }
    };
    walk(path.join(ROOT, 'dist'));
    const shared = [...owners].filter(([, files]) => files.length > 1);
    expect(shared).toEqual([]);
    for (const name of Object.keys(doc.components.schemas)) {
      expect({ name, built: owners.has(name) }).toEqual({ name, built: true });
    }
  });

  it('describes every operation: a summary, a tag, a success response, its security', () => {
    for (const { route, op } of operations) {
      expect({
        route,
        summary: Boolean(op.summary),
        tagged: (op.tags ?? []).length > 0,
        success: Object.keys(op.responses ?? {}).some((code) => /^[23]\d\d$/.test(code)),
        security: Array.isArray(op.security),
      }).toEqual({ route, summary: true, tagged: true, success: true, security: true });
    }
  });

  it('lists the error responses of every operation, each as problem+json with X-Request-Id', () => {
    for (const { route, path: p, method, op } of operations) {
      const codes = Object.keys(op.responses);
      const expected = new Set<string>();
      expected.add('400').add('413');
      if (op.requestBody || ['post', 'put', 'patch', 'delete'].includes(method))
        expected.add('415');
      if (op.security.length > 0) expected.add('401').add('403');
      if (p.includes('{')) expected.add('404');
      if (!p.startsWith('/health/')) expected.add('429');
      if (p !== '/health/live') expected.add('503');
      expect({ route, missing: [...expected].filter((c) => !codes.includes(c)) }).toEqual({
        route,
        missing: [],
      });
      for (const code of codes.filter((c) => /^[45]/.test(c))) {
        const response = resolve(doc, op.responses[code]);
        expect({ route, code, content: Object.keys(response.content ?? {}) }).toEqual({
          route,
          code,
          content: ['application/problem+json'],
        });
        expect(response.content['application/problem+json'].schema).toEqual({
          $ref: '#/components/schemas/ProblemDto',
        });
        expect({ route, code, requestId: Boolean(response.headers?.['X-Request-Id']) }).toEqual({
          route,
          code,
          requestId: true,
        });
      }
    }
    const tooMany = resolve(doc, doc.paths['/api/v1/engagements'].get.responses['429']);
    expect(Object.keys(tooMany.headers)).toEqual(
      expect.arrayContaining(['Retry-After', 'X-RateLimit-Limit', 'RateLimit']),
    );
    expect(Object.keys(doc.paths['/api/v1/engagements/{id}'].patch.responses)).toEqual(
      expect.arrayContaining(['409', '412', '422']),
    );
    expect(
      Object.keys(doc.paths['/api/v1/engagements/{engagementId}/tasks/{taskKey}'].patch.responses),
    ).toEqual(expect.arrayContaining(['409', '412', '422', '428']));
  });

  it('lists every member a problem may carry in ProblemDto', () => {
    const listed = Object.keys(doc.components.schemas.ProblemDto.properties);
    expect(PROBLEM_EXTENSION_MEMBERS.filter((member) => !listed.includes(member))).toEqual([]);
    expect(doc.components.schemas.ProblemDto.properties.dependentMoves).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/DependentMoveProblemDto' },
    });
  });

  it('documents the response headers the service sends', () => {
    const headersOf = (p: string, method: string, status: string) =>
      Object.keys(resolve(doc, doc.paths[p][method].responses[status]).headers ?? {});
    for (const { route, op } of operations) {
      for (const [code, response] of Object.entries(op.responses as Json)) {
        if (!/^[23]/.test(code)) continue;
        expect({
          route,
          code,
          requestId: Boolean(resolve(doc, response).headers?.['X-Request-Id']),
        }).toEqual({ route, code, requestId: true });
      }
    }
    expect(headersOf('/api/v1/engagements', 'post', '201')).toEqual(
      expect.arrayContaining(['Location', 'ETag', 'Idempotent-Replayed', 'X-RateLimit-Remaining']),
    );
    expect(headersOf('/api/v1/engagements/{id}', 'get', '200')).toContain('ETag');
    expect(headersOf('/api/v1/engagements/{id}', 'patch', '200')).toContain('ETag');
    expect(headersOf('/api/v1/engagements/{engagementId}/tasks/{taskKey}', 'get', '200')).toContain(
      'ETag',
    );
    expect(headersOf('/api/v1/customers', 'post', '201')).toEqual(
      expect.arrayContaining(['Location', 'Idempotent-Replayed']),
    );
    expect(headersOf('/api/v1/escalations/run', 'post', '202')).toEqual(
      expect.arrayContaining(['Location', 'Retry-After']),
    );
  });

  it('types integers as integers and ids as UUIDs', () => {
    const numbers: string[] = [];
    const ids: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Json;
      if (schema.type === 'number') numbers.push(where);
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Json)) {
        if (
          /^(id|.+Id)$/.test(name) &&
          property.type === 'string' &&
          property.format !== 'uuid' &&
          !property.pattern
        ) {
          ids.push(`${where}.${name}`);
        }
      }
      for (const [key, child] of Object.entries(schema)) visit(child, `${where}.${key}`);
    };
    visit(doc.components.schemas, 'schemas');
    visit(doc.paths, 'paths');
    expect({ numbers, ids }).toEqual({ numbers: [], ids: [] });
    const idParameters = operations.flatMap(({ route, op }) =>
      (op.parameters ?? [])
        .filter((p: Json) => p.in === 'path' && /^(id|.+Id)$/.test(p.name))
        .map((p: Json) => ({ route, name: p.name, format: p.schema.format })),
    );
    expect(idParameters.length).toBeGreaterThan(5);
    for (const parameter of idParameters) expect(parameter).toMatchObject({ format: 'uuid' });
  });

  describe('request examples, as Swagger UI fills them in', () => {
    let world: ApiWorld;
    beforeAll(async () => {
      world = await buildWorld(built);
    });

    it('have no "string" placeholders', () => {
      for (const { route, op } of operations.filter(({ op }) => op.requestBody)) {
        const sample = requestBodySample(doc, op);
        expect({ route, placeholders: placeholders(sample) }).toEqual({ route, placeholders: [] });
      }
    });

    it('pass validation when sent: no 400, no 5xx', async () => {
      for (const { route, path: p, method, op } of operations.filter(({ op }) => op.requestBody)) {
        const res = await (built.http as any)
          [method](fillPath(p, world))
          .set('Authorization', built.admin)
          .send(requestBodySample(doc, op) as object);
        expect({
          route,
          status: res.status,
          errors: res.status === 400 ? res.body.errors : [],
        }).toEqual({ route, status: expect.any(Number), errors: [] });
        expect({ route, status: res.status < 500 }).toEqual({ route, status: true });
      }
    });
  });

  it('passes Spectral (spectral:oas) and Redocly (recommended) with 0 errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ot-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      fs.writeFileSync(file, JSON.stringify(doc));
      const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
      const env = {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      };

      const spectral = spawnSync(
        bin('spectral'),
        [
          'lint',
          file,
          '--ruleset',
          path.join(ROOT, '.spectral.yaml'),
          '--format',
          'json',
          '--quiet',
        ],
        { encoding: 'utf8', env, cwd: dir },
      );
      const spectralFindings = JSON.parse(spectral.stdout || '[]') as Json[];
      // Spectral severities: 0 error, 1 warning, 2 info, 3 hint.
      const spectralErrors = spectralFindings
        .filter((f) => f.severity === 0)
        .map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`);
      expect(spectralErrors).toEqual([]);

      const redocly = spawnSync(
        bin('redocly'),
        ['lint', file, '--extends', 'recommended', '--format', 'json'],
        { encoding: 'utf8', env, cwd: dir },
      );
      const report = JSON.parse(redocly.stdout.slice(redocly.stdout.indexOf('{'))) as Json;
      const redoclyErrors = (report.problems as Json[])
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId} at ${p.location?.[0]?.pointer}: ${p.message}`);
      expect(redoclyErrors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
