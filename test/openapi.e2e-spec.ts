import SwaggerParser from '@apidevtools/swagger-parser';
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, TestApp } from './helpers/test-app';

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Record<string, any>;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs/openapi.json').expect(200);
    doc = res.body;
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('serves the UI publicly', async () => {
    const res = await t.http.get('/docs').redirects(1);
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
    const me = doc.paths['/api/v1/me'].get;
    expect(me.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(doc.paths['/auth/login'].post.security).toBeUndefined();
  });

  it('documents every DTO: each schema has typed properties', () => {
    const schemas = Object.entries(doc.components.schemas as Record<string, any>);
    expect(schemas.length).toBeGreaterThan(0);
    for (const [name, schema] of schemas) {
      if (schema.enum) continue;
      expect({ name, properties: Object.keys(schema.properties ?? {}).length > 0 }).toEqual({
        name,
        properties: true,
      });
      for (const [prop, spec] of Object.entries(schema.properties as Record<string, any>)) {
        const typed = spec.type || spec.$ref || spec.allOf || spec.oneOf || spec.anyOf || spec.enum;
        expect({ schema: name, prop, typed: Boolean(typed) }).toEqual({
          schema: name,
          prop,
          typed: true,
        });
      }
    }
  });

  it('describes every operation with a tag and a success response', () => {
    for (const [route, methods] of Object.entries(doc.paths as Record<string, any>)) {
      for (const [method, op] of Object.entries(methods as Record<string, any>)) {
        expect({ route, method, tagged: (op.tags ?? []).length > 0 }).toEqual({
          route,
          method,
          tagged: true,
        });
        // Browser navigations (single sign-on) succeed with a redirect.
        const success = Object.keys(op.responses ?? {}).some((code) => /^(2\d\d|302)$/.test(code));
        expect({ route, method, success }).toEqual({ route, method, success: true });
      }
    }
  });

  it('names every DTO class uniquely: schemas are keyed by class name, so a twin would replace one', () => {
    const src = path.join(__dirname, '..', 'src');
    const files = (fs.readdirSync(src, { recursive: true }) as string[]).filter((file) =>
      /(^|\/)dto\/[^/]+\.ts$/.test(file),
    );
    expect(files.length).toBeGreaterThan(5);
    const owners = new Map<string, string[]>();
    for (const file of files) {
      for (const [name, value] of Object.entries(require(path.join(src, file)))) {
        if (
          typeof value !== 'function' ||
          !/^class\b/.test(Function.prototype.toString.call(value))
        ) {
          continue;
        }
        owners.set(name, [...(owners.get(name) ?? []), file]);
      }
    }
    const twins = [...owners].filter(([, where]) => where.length > 1);
    expect(twins).toEqual([]);
  });

  it('documents single sign-on: two public redirects with a Location', () => {
    const login = doc.paths['/auth/oidc/login'].get;
    const callback = doc.paths['/auth/oidc/callback'].get;
    for (const op of [login, callback]) {
      expect(op.security).toBeUndefined();
      expect(op.responses['302'].headers.Location).toBeDefined();
      expect(op.responses['503']).toBeDefined();
    }
    expect(login.parameters).toEqual([
      expect.objectContaining({ name: 'returnTo', in: 'query', required: false }),
    ]);
    expect(callback.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'code',
      'error',
      'iss',
      'state',
    ]);
  });
});
