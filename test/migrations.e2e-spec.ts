import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate, MIGRATIONS_DIR } from '../src/database/migrator';
import { ENV_ADMIN_URL, withDatabase } from './setup/test-postgres';

// These tests start from an empty database (not the migrated template) to exercise dbmate itself.
describe('SQL migrations (dbmate)', () => {
  const name = `ot_migrations_${process.pid}_${Date.now()}`;
  const adminUrl = () => process.env[ENV_ADMIN_URL]!;
  let url: string;
  let client: Client;

  const tables = async () =>
    (
      await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      )
    ).rows.map((r) => r.table_name);
  const applied = async () =>
    (await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map(
      (r) => r.version,
    );

  beforeAll(async () => {
    url = withDatabase(adminUrl(), name);
    // dbmate creates the database when it is missing.
    await migrate(url);
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('applies every migration in prisma/migrations, in order', async () => {
    const versions = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.split('_')[0])
      .sort();
    expect(versions.length).toBeGreaterThan(0);
    expect(await applied()).toEqual(versions);
    expect(await tables()).toEqual(expect.arrayContaining(['engagement', 'task', 'audit_event']));
  });

  it('applies nothing on a second run', async () => {
    const before = await applied();
    const output = await migrate(url);
    expect(output).not.toMatch(/Applying/);
    expect(await applied()).toEqual(before);
  });

  it('leaves the schema as it was when a migration fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ot-migrations-'));
    try {
      for (const file of fs.readdirSync(MIGRATIONS_DIR)) {
        fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file));
      }
      fs.writeFileSync(
        path.join(dir, '29991231000000_broken.sql'),
        [
          '-- migrate:up',
          'CREATE TABLE half_done (id integer PRIMARY KEY);',
          'ALTER TABLE task ADD COLUMN half_done_id integer;',
          'SELECT 1 / 0;',
          '-- migrate:down',
          'DROP TABLE half_done;',
        ].join('\n'),
      );
      const tablesBefore = await tables();
      const appliedBefore = await applied();
      await expect(migrate(url, dir)).rejects.toThrow(/division by zero/);
      expect(await tables()).toEqual(tablesBefore);
      expect(await applied()).toEqual(appliedBefore);
      const column = await client.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'task' AND column_name = 'half_done_id'`,
      );
      expect(column.rowCount).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
