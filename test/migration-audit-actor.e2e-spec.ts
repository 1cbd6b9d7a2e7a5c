import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate, MIGRATIONS_DIR } from '../src/database/migrator';
import { ENV_ADMIN_URL, withDatabase } from './setup/test-postgres';

const USERS_MIGRATION = '20261126000000_users_sessions.sql';

// Audit events written before people could sign in keep what they said: an API key (an id) or
// the system (no id). The append-only trigger is back in force afterwards.
describe('migration: audit events name the kind of actor', () => {
  const name = `ot_migration_actor_${process.pid}_${Date.now()}`;
  const adminUrl = () => process.env[ENV_ADMIN_URL]!;
  let dir: string;
  let client: Client;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ot-before-users-'));
    for (const file of fs.readdirSync(MIGRATIONS_DIR)) {
      if (file < USERS_MIGRATION)
        fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file));
    }
    const url = withDatabase(adminUrl(), name);
    await migrate(url, dir);
    client = new Client({ connectionString: url });
    await client.connect();
    const customer = (
      await client.query(
        `INSERT INTO customer (id, name) VALUES (gen_random_uuid(), 'Old Co') RETURNING id`,
      )
    ).rows[0].id;
    const version = (await client.query(`SELECT id FROM template_version LIMIT 1`)).rows[0]?.id;
    let versionId = version;
    if (!versionId) {
      await client.query(`INSERT INTO template (key) VALUES ('old-model')`);
      versionId = (
        await client.query(
          `INSERT INTO template_version (id, template_key, version, name) VALUES (gen_random_uuid(), 'old-model', 1, 'Old') RETURNING id`,
        )
      ).rows[0].id;
    }
    const engagement = (
      await client.query(
        `INSERT INTO engagement (id, customer_id, template_version_id, template_key, template_version, name, cloud_provider, security_tier, start_date)
         VALUES (gen_random_uuid(), $1, $2, 'old-model', 1, 'Old engagement', 'AWS', 'BASIC', '2026-01-01') RETURNING id`,
        [customer, versionId],
      )
    ).rows[0].id;
    await client.query(
      `INSERT INTO audit_event (actor_id, actor_name, action, engagement_id, changes)
       VALUES ('6f1c3a52-0000-4000-8000-000000000001', 'ci-key', 'engagement.created', $1, '{}'),
              (NULL, 'system:escalation', 'notification.created', $1, '{}')`,
      [engagement],
    );
    await migrate(url);
  });
  afterAll(async () => {
    await client.end();
    fs.rmSync(dir, { recursive: true, force: true });
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('marks events with an actor id as key events and the others as system events', async () => {
    const rows = (
      await client.query(`SELECT actor_kind, actor_name, actor_email FROM audit_event ORDER BY id`)
    ).rows;
    expect(rows).toEqual([
      { actor_kind: 'key', actor_name: 'ci-key', actor_email: null },
      { actor_kind: 'system', actor_name: 'system:escalation', actor_email: null },
    ]);
  });

  it('keeps the audit history append-only', async () => {
    await expect(client.query(`UPDATE audit_event SET actor_kind = 'user'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      client.query(
        `INSERT INTO audit_event (actor_kind, actor_name, action, engagement_id, changes)
         SELECT 'robot', 'r', 'x', engagement_id, '{}' FROM audit_event LIMIT 1`,
      ),
    ).rejects.toThrow(/audit_event_actor_kind_known/);
  });
});
