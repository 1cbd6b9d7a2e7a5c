import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../src/app.factory';
import { hashApiKeySecret, visiblePrefix } from '../src/auth/api-key-secret';
import { loadConfig } from '../src/config/app-config';
import { PrismaService } from '../src/prisma/prisma.service';
import { parseReferenceDocument } from '../src/templates/domain/reference-document';
import { loadCatalogue } from '../src/templates/template-catalogue';
import { TemplateCatalogueSeeder } from '../src/templates/template-catalogue.seeder';
import { ADMIN_KEY, startTestApp, TestApp } from './helpers/test-app';
import { createTestDatabase } from './helpers/test-database';

const catalogue = loadCatalogue();
const reference = parseReferenceDocument(
  readFileSync(join(__dirname, '../docs/reference/pdp-management-models.txt'), 'utf8'),
);
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function configFor(url: string) {
  return loadConfig({
    LOG_LEVEL: 'silent',
    LOG_FORMAT: 'json',
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    ESCALATION_ENABLED: 'false',
    DATABASE_URL: url,
  });
}

/** Every template row, exactly, so "nothing changed" can be asserted. */
async function snapshot(prisma: PrismaService) {
  return {
    templates: await prisma.template.findMany({ orderBy: { key: 'asc' } }),
    versions: await prisma.templateVersion.findMany({ orderBy: { id: 'asc' } }),
    tasks: await prisma.templateTask.findMany({ orderBy: { id: 'asc' } }),
  };
}

describe('templates: the seeded catalogue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("lists the three models in the reference document's order, each at version 1 with 16 tasks", async () => {
    const res = await t.http.get('/api/v1/templates').set('Authorization', t.admin).expect(200);
    expect(res.body.map((s: { key: string }) => s.key)).toEqual([
      'wso2-managed-wso2-subscription',
      'wso2-managed-customer-subscription',
      'customer-self-managed',
    ]);
    expect(res.body).toEqual(
      catalogue.map((entry) => ({
        key: entry.key,
        version: 1,
        name: entry.name,
        description: entry.description,
        parties: ['WSO2', 'CUSTOMER'],
        allowedCloudProviders: entry.allowedCloudProviders,
        publishedAt: expect.stringMatching(ISO_TIMESTAMP),
        taskCount: 16,
      })),
    );
  });

  it.each(catalogue.map((entry) => [entry.key, entry] as const))(
    '%s comes back exactly as the catalogue states it',
    async (key, entry) => {
      const latest = await t.http.get(`/api/v1/templates/${key}`).set('Authorization', t.admin);
      expect(latest.status).toBe(200);
      const { publishedAt, ...rest } = latest.body;
      expect(rest).toEqual({ version: 1, ...entry });
      expect(publishedAt).toMatch(ISO_TIMESTAMP);
      // The documented field order, task by task.
      expect(Object.keys(latest.body)).toEqual([
        'key',
        'version',
        'name',
        'description',
        'parties',
        'allowedCloudProviders',
        'publishedAt',
        'tasks',
      ]);
      expect(Object.keys(latest.body.tasks[0])).toEqual([
        'key',
        'position',
        'title',
        'checklist',
        'raci',
        'dueOffsetDays',
        'dependsOn',
      ]);
      expect(Object.keys(latest.body.tasks[0].raci)).toEqual([
        'responsible',
        'accountable',
        'consulted',
        'informed',
      ]);
      const v1 = await t.http
        .get(`/api/v1/templates/${key}/versions/1`)
        .set('Authorization', t.admin)
        .expect(200);
      expect(v1.body).toEqual(latest.body);
    },
  );

  it('states every task, checklist line and RACI cell of the reference document', async () => {
    for (const model of reference) {
      const entry = catalogue.find((c) => c.name === `${model.title.replace(/ model$/, '')}`)!;
      const res = await t.http.get(`/api/v1/templates/${entry.key}`).set('Authorization', t.admin);
      expect(res.body.allowedCloudProviders).toEqual(model.allowedCloudProviders);
      expect(
        res.body.tasks.map((task: { title: string; checklist: unknown; raci: unknown }) => ({
          title: task.title,
          checklist: task.checklist,
          raci: task.raci,
        })),
      ).toEqual(model.tasks);
    }
  });

  it('lists the versions of a template and answers 404 for unknown ones', async () => {
    const key = 'customer-self-managed';
    const versions = await t.http
      .get(`/api/v1/templates/${key}/versions`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(versions.body).toEqual([expect.objectContaining({ key, version: 1, taskCount: 16 })]);
    for (const path of [
      '/api/v1/templates/no-such-model',
      '/api/v1/templates/no-such-model/versions',
      `/api/v1/templates/${key}/versions/2`,
      `/api/v1/templates/${key}/versions/0`,
    ]) {
      const res = await t.http.get(path).set('Authorization', t.admin);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const bad = await t.http
      .get(`/api/v1/templates/${key}/versions/latest`)
      .set('Authorization', t.admin)
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'version', message: 'must be a whole number up to 2147483647' },
    ]);
  });

  it('lets STAFF and CUSTOMER keys read, and nobody without a key', async () => {
    const customer = await t.prisma.customer.create({ data: { name: 'Acme' } });
    const staff = await t.keyFor('STAFF');
    const customerKey = await t.keyFor('CUSTOMER', customer.id);
    for (const auth of [staff, customerKey]) {
      await t.http.get('/api/v1/templates').set('Authorization', auth).expect(200);
      await t.http
        .get('/api/v1/templates/customer-self-managed')
        .set('Authorization', auth)
        .expect(200);
      await t.http
        .get('/api/v1/templates/customer-self-managed/versions/1/diff/1')
        .set('Authorization', auth)
        .expect(200);
    }
    await t.http.get('/api/v1/templates').expect(401);
  });

  it('does not change anything when the seeder runs again', async () => {
    const before = await snapshot(t.prisma);
    expect(before.versions).toHaveLength(3);
    expect(before.tasks).toHaveLength(48);
    const result = await t.app.get(TemplateCatalogueSeeder).seed();
    expect(result).toEqual({
      created: [],
      kept: [
        'customer-self-managed',
        'wso2-managed-customer-subscription',
        'wso2-managed-wso2-subscription',
      ],
    });
    expect(await snapshot(t.prisma)).toEqual(before);
  });

  it('keeps version 1 as published even when the catalogue has been edited since', async () => {
    const before = await snapshot(t.prisma);
    const edited = loadCatalogue().map((entry) => ({
      ...entry,
      name: `${entry.name} (edited)`,
      tasks: entry.tasks.slice(0, 15),
    }));
    const result = await t.app.get(TemplateCatalogueSeeder).seed(edited);
    expect(result.created).toEqual([]);
    expect(await snapshot(t.prisma)).toEqual(before);
  });

  it('does not change anything when a second instance starts on the same database', async () => {
    const before = await snapshot(t.prisma);
    const second = await createApp(configFor(t.db.url), t.db.url);
    await second.init();
    await second.close();
    expect(await snapshot(t.prisma)).toEqual(before);
  });
});

describe('templates: two instances starting at once on an empty database', () => {
  it('publishes each catalogue template exactly once', async () => {
    const db = await createTestDatabase();
    // The bootstrap admin key exists beforehand: this test races the template seeders only.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(
      `INSERT INTO api_key (id, name, role, prefix, hash) VALUES ($1, 'bootstrap-admin', 'ADMIN', $2, $3)`,
      [randomUUID(), visiblePrefix(ADMIN_KEY), hashApiKeySecret(ADMIN_KEY)],
    );
    await pg.end();
    const apps = await Promise.all([0, 1].map(() => createApp(configFor(db.url), db.url)));
    try {
      await Promise.all(apps.map((app) => app.init()));
      const prisma = apps[0].get(PrismaService);
      const versions = await prisma.templateVersion.findMany({ orderBy: { templateKey: 'asc' } });
      expect(versions.map((v) => [v.templateKey, v.version])).toEqual([
        ['customer-self-managed', 1],
        ['wso2-managed-customer-subscription', 1],
        ['wso2-managed-wso2-subscription', 1],
      ]);
      expect(await prisma.templateTask.count()).toBe(48);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await db.drop();
    }
  });
});
