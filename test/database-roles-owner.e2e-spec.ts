import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig } from '../src/config/app-config';
import { migrate } from '../src/database/migrator';
import { provisionDatabase } from '../src/database/provision-database';
import { ENV_ADMIN_URL } from './setup/test-postgres';

/**
 * README "Database roles" on a server where the schema owner is no superuser: an owner with
 * CREATEROLE makes the service's login and hands it the job queue's schema. (Compose's owner is a
 * superuser, which hid that handing over needs membership in the login.)
 */
describe('migrations by an owner that is not a superuser', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = { user: `ot_owner_${suffix}`, password: `o-${randomBytes(12).toString('hex')}` };
  const database = `ot_owner_db_${suffix}`;
  let admin: Client;

  const urlAs = (user: string, password: string) => {
    const url = new URL(process.env[ENV_ADMIN_URL]!);
    url.username = user;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };

  beforeAll(async () => {
    admin = new Client({ connectionString: process.env[ENV_ADMIN_URL] });
    await admin.connect();
    await admin.query(
      `CREATE ROLE ${owner.user} LOGIN CREATEROLE PASSWORD ${admin.escapeLiteral(owner.password)}`,
    );
    await admin.query(`CREATE DATABASE ${database} OWNER ${owner.user}`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const roles = await admin.query<{ rolname: string }>(
      `SELECT rolname FROM pg_roles WHERE rolname LIKE $1`,
      [`%_${suffix}`],
    );
    for (const { rolname } of roles.rows) await admin.query(`DROP ROLE ${rolname}`);
    await admin.end();
  });

  it('creates the login and hands it the job queue, as the README says', async () => {
    const runtime = { user: `ot_app_${suffix}`, password: `a-${randomBytes(12).toString('hex')}` };
    await migrate(urlAs(owner.user, owner.password), undefined, { runtimeRole: runtime });
    const app = new Client({ connectionString: urlAs(runtime.user, runtime.password) });
    await app.connect();
    try {
      const schema = await app.query<{ owner: string }>(
        `SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'pgboss'`,
      );
      expect(schema.rows).toEqual([{ owner: runtime.user }]);
      expect((await app.query('SELECT count(*)::int AS n FROM customer')).rows).toEqual([{ n: 0 }]);
    } finally {
      await app.end();
    }
    // Running it again (every start does) is harmless.
    await migrate(urlAs(owner.user, owner.password), undefined, { runtimeRole: runtime });

    // A replica as Compose runs it: its own login, no migrating, no MIGRATION_DATABASE_URL. It
    // is no owner and must not say it is; the owner's login is, and is told so.
    const warningsAs = async (url: string) => {
      const warnings: string[] = [];
      const config = loadConfig({ DATABASE_URL: url, MIGRATE_ON_START: 'false' });
      await provisionDatabase(config, { warn: (m) => warnings.push(m) });
      return warnings;
    };
    expect(await warningsAs(urlAs(runtime.user, runtime.password))).toEqual([]);
    expect(await warningsAs(urlAs(owner.user, owner.password))).toEqual([
      expect.stringContaining('The service runs as the schema owner'),
    ]);

    // The same login with MIGRATE_ON_START left on (as a second instance is often first tried):
    // an up-to-date schema needs nothing of it; one that is not says what to set, not dbmate's
    // "permission denied for schema public".
    const startAs = (url: string) => provisionDatabase(loadConfig({ DATABASE_URL: url }), {});
    await expect(startAs(urlAs(runtime.user, runtime.password))).resolves.toMatchObject({
      url: urlAs(runtime.user, runtime.password),
    });
    const ownerClient = new Client({ connectionString: urlAs(owner.user, owner.password) });
    await ownerClient.connect();
    try {
      const { version } = (
        await ownerClient.query<{ version: string }>(
          'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING version',
        )
      ).rows[0];
      await expect(startAs(urlAs(runtime.user, runtime.password))).rejects.toThrow(
        `DATABASE_URL's login "${runtime.user}" may not change the database schema, which is not ` +
          `up to date (migration ${version} to apply). Set MIGRATION_DATABASE_URL to the schema owner's login`,
      );
      await ownerClient.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    } finally {
      await ownerClient.end();
    }
  });

  it('says what to run when the login was made by someone else and the owner cannot join it', async () => {
    const runtime = { user: `ot_app2_${suffix}`, password: `b-${randomBytes(12).toString('hex')}` };
    await admin.query(
      `CREATE ROLE ${runtime.user} LOGIN PASSWORD ${admin.escapeLiteral(runtime.password)}`,
    );
    const version = Number(
      (await admin.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`))
        .rows[0].v,
    );
    const attempt = migrate(urlAs(owner.user, owner.password), undefined, {
      runtimeRole: runtime,
    });
    if (version >= 160000) {
      // Since PostgreSQL 16, CREATEROLE grants only the roles one made oneself.
      await expect(attempt).rejects.toThrow(
        `As an administrator, run: GRANT "${runtime.user}" TO "${owner.user}";`,
      );
      await admin.query(`GRANT ${runtime.user} TO ${owner.user}`);
      await migrate(urlAs(owner.user, owner.password), undefined, { runtimeRole: runtime });
    } else {
      await attempt;
    }
  });
});
