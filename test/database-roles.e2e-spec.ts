import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Client } from 'pg';
import { createApp } from '../src/app.factory';
import { checkAuditChain } from '../src/audit/audit-chain.repository';
import { PrismaService } from '../src/prisma/prisma.service';
import { loadConfig } from '../src/config/app-config';
import { migrate } from '../src/database/migrator';
import { createTestDatabase, TestDatabase } from './helpers/test-database';

// The service runs as a login that owns nothing: whatever it is tricked into sending, it cannot
// switch off the audit's protections or rewrite history. Tampering by someone who can (the
// owner) is found by the hash chain.
const KEY = 'otk_roles-test-key-0123456789abcdefghijklmnop';

describe('least-privilege runtime role and the tamper-evident audit chain', () => {
  let db: TestDatabase;
  let owner: Client;
  let runtime: Client;
  const role = {
    user: `ot_app_${randomBytes(4).toString('hex')}`,
    password: 'p-' + randomBytes(12).toString('hex'),
  };
  let runtimeUrl: string;
  /** An engagement with an untouched chain, for the removal test. */
  let intactEngagementId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, undefined, { runtimeRole: role });
    const url = new URL(db.url);
    url.username = role.user;
    url.password = role.password;
    runtimeUrl = url.toString();
    owner = new Client({ connectionString: db.url });
    runtime = new Client({ connectionString: runtimeUrl });
    await owner.connect();
    await runtime.connect();
  });

  afterAll(async () => {
    await runtime.end();
    await owner.query(`DROP OWNED BY ${role.user}`);
    await owner.end();
    await db.drop();
    const admin = new Client({ connectionString: process.env.OT_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role.user}`);
    await admin.end();
  });

  async function refused(sql: string): Promise<string> {
    const error = await runtime.query(sql).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeDefined();
    return error!.message;
  }

  it('the service works as the runtime role, and its events carry a chain', async () => {
    // Escalation on (the default): pg-boss runs as the runtime role too, in the schema that the
    // owner installed and handed over.
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      BOOTSTRAP_ADMIN_KEY: KEY,
      DATABASE_URL: runtimeUrl,
    });
    const app = await createApp(config, runtimeUrl);
    await app.init();
    try {
      const http = request(app.getHttpServer());
      const auth = { Authorization: `Bearer ${KEY}` };
      const customer = await http.post('/api/v1/customers').set(auth).send({ name: 'Roles Ltd' });
      expect(customer.status).toBe(201);
      const input = {
        customerId: customer.body.id,
        templateKey: 'customer-self-managed',
        name: 'Roles onboarding',
        cloudProvider: 'AZURE',
        securityTier: 'BASIC',
        startDate: '2026-01-05',
      };
      const engagement = await http.post('/api/v1/engagements').set(auth).send(input);
      expect(engagement.status).toBe(201);
      const id = engagement.body.id as string;
      const second = await http
        .post('/api/v1/engagements')
        .set(auth)
        .send({ ...input, name: 'Second onboarding' });
      intactEngagementId = second.body.id;
      const task = engagement.body.tasks[0];
      const done = await http
        .patch(`/api/v1/engagements/${id}/tasks/${task.key}`)
        .set(auth)
        .set('If-Match', task.etag)
        .send({ status: 'IN_PROGRESS' });
      expect(done.status).toBe(200);

      const verified = await http.get(`/api/v1/engagements/${id}/audit/verify`).set(auth);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ engagementId: id, intact: true, firstBreak: null });
      expect(verified.body.events).toBeGreaterThanOrEqual(2);
      expect(verified.body.headHash).toMatch(/^[0-9a-f]{64}$/);

      const queue = await owner.query(
        `SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'pgboss'`,
      );
      expect(queue.rows).toEqual([{ owner: role.user }]);
      const who = await runtime.query(
        'SELECT current_user AS u, usesuper FROM pg_user WHERE usename = current_user',
      );
      expect(who.rows[0]).toEqual({ u: role.user, usesuper: false });

      // The owner, who can bypass the triggers, edits history: the chain shows where.
      const events = await owner.query(
        'SELECT id FROM audit_event WHERE engagement_id = $1 ORDER BY chain_position',
        [id],
      );
      await owner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
      await owner.query(`UPDATE audit_event SET reason = 'rewritten' WHERE id = $1`, [
        events.rows[0].id,
      ]);
      await owner.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
      const tampered = await http.get(`/api/v1/engagements/${id}/audit/verify`).set(auth);
      expect(tampered.body).toMatchObject({
        intact: false,
        firstBreak: { eventId: String(events.rows[0].id), position: 1 },
      });
      expect(tampered.body.firstBreak.reason).toMatch(/content/);
    } finally {
      await app.close();
    }
  });

  it('a removed event in the middle of the chain is found', async () => {
    const id = intactEngagementId;
    // Add a second and third event as the runtime role, then let the owner delete the second one.
    for (let i = 0; i < 2; i++) {
      await runtime.query(
        `INSERT INTO audit_event (actor_kind, actor_name, action, engagement_id, changes)
         VALUES ('system', 'system:test', 'test.event', $1, '{}')`,
        [id],
      );
    }
    await owner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete');
    await owner.query('DELETE FROM audit_event WHERE engagement_id = $1 AND chain_position = 2', [
      id,
    ]);
    await owner.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete');
    const prisma = new PrismaService(db.url, loadConfig({}));
    try {
      const check = await checkAuditChain(prisma, id);
      expect(check.firstBroken).toMatchObject({
        position: 3,
        reason: expect.stringMatching(/missing/),
      });
    } finally {
      await prisma.onModuleDestroy();
    }
  });

  it('the runtime role cannot change the audit, its triggers or the templates', async () => {
    expect(
      await refused('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete'),
    ).toMatch(/must be owner/);
    expect(await refused('DROP TRIGGER audit_event_chain ON audit_event')).toMatch(/must be owner/);
    expect(
      await refused(
        `CREATE OR REPLACE FUNCTION reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      ),
    ).toMatch(/must be owner|permission denied/);
    expect(await refused(`UPDATE audit_event SET reason = 'x'`)).toMatch(/permission denied/);
    expect(await refused('DELETE FROM audit_event')).toMatch(/permission denied/);
    expect(await refused('TRUNCATE audit_event')).toMatch(/permission denied/);
    expect(await refused('TRUNCATE template_task')).toMatch(/permission denied/);
    expect(await refused('TRUNCATE template_version CASCADE')).toMatch(/permission denied/);
    expect(await refused(`DELETE FROM template_task`)).toMatch(/permission denied/);
    expect(await refused(`UPDATE template_version SET name = 'x'`)).toMatch(/permission denied/);
    expect(await refused('ALTER TABLE task ADD COLUMN evil text')).toMatch(/must be owner/);
    expect(await refused('CREATE TABLE public.evil (id int)')).toMatch(/permission denied/);
    expect(await refused(`DELETE FROM schema_migrations`)).toMatch(/permission denied/);
  });

  it('an event cannot be back-dated: the time is the database’s', async () => {
    const engagement = await owner.query('SELECT id FROM engagement LIMIT 1');
    const inserted = await runtime.query(
      `INSERT INTO audit_event (at, actor_kind, actor_name, action, engagement_id, changes)
       VALUES ('2001-01-01T00:00:00Z', 'system', 'system:test', 'test.backdated', $1, '{}')
       RETURNING at, (now() - at) < interval '1 minute' AS recent`,
      [engagement.rows[0].id],
    );
    expect(inserted.rows[0].recent).toBe(true);
  });

  it('granting again is harmless, and the owner can never be the runtime role', async () => {
    await migrate(db.url, undefined, { runtimeRole: role });
    const ownerName = new URL(db.url).username;
    await expect(
      migrate(db.url, undefined, { runtimeRole: { user: ownerName, password: 'x' } }),
    ).rejects.toThrow(/is the schema owner/);
  });
});
