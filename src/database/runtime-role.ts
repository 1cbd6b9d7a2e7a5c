import { Client } from 'pg';
import PgBoss from 'pg-boss';

/** The login the service connects as: it owns nothing and holds only what the service needs. */
export interface RuntimeRole {
  user: string;
  password: string;
}

/** Tables whose rows, once written, never change: the runtime role may only read and add. */
const APPEND_ONLY_TABLES = [
  'audit_event',
  'account_event',
  'template',
  'template_version',
  'template_task',
];
/** Schema of pg-boss, which creates a table per queue at run time and so must own its schema. */
const JOB_QUEUE_SCHEMA = 'pgboss';

export function runtimeRoleOf(url: string): RuntimeRole {
  const parsed = new URL(url);
  return {
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * Run as the schema owner after migrations (under the migration lock, since concurrent GRANTs
 * can fail): makes sure the runtime role exists and holds exactly the privileges the service
 * needs. It cannot ALTER or DROP anything in the public schema, disable triggers, replace the
 * trigger functions, TRUNCATE any table, or UPDATE/DELETE audit events and published templates.
 */
export async function grantRuntimePrivileges(client: Client, role: RuntimeRole): Promise<void> {
  const owner = (await client.query<{ u: string }>('SELECT current_user AS u')).rows[0].u;
  if (owner === role.user) {
    throw new Error(
      `The runtime role "${role.user}" is the schema owner; give the service its own login ` +
        '(DATABASE_URL) and keep the owner for migrations (MIGRATION_DATABASE_URL)',
    );
  }
  const name = client.escapeIdentifier(role.user);
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.user]);
  if (exists.rowCount === 0) {
    await client.query(`CREATE ROLE ${name} LOGIN PASSWORD ${client.escapeLiteral(role.password)}`);
  }
  const database = client.escapeIdentifier(
    (await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0].d,
  );
  const appendOnly = APPEND_ONLY_TABLES.join(', ');
  await client.query(`
    GRANT CONNECT ON DATABASE ${database} TO ${name};
    GRANT USAGE ON SCHEMA public TO ${name};
    REVOKE CREATE ON SCHEMA public FROM ${name};
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${name};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name};
    REVOKE UPDATE, DELETE ON ${appendOnly} FROM ${name};
    REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${name};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name};
  `);
  await handOverJobQueueSchema(client, role.user);
}

/**
 * Installs pg-boss's schema when it is missing. Run by the migration step under its lock, so that
 * instances starting together do not race pg-boss's own installer.
 */
export async function installJobQueueSchema(client: Client): Promise<void> {
  if (!(await isJobQueueSchemaInstalled(client))) {
    await client.query(PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA));
  }
}

export async function isJobQueueSchemaInstalled(client: Client): Promise<boolean> {
  const installed = await client.query(
    `SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'version'`,
    [JOB_QUEUE_SCHEMA],
  );
  return installed.rowCount !== 0;
}

/**
 * pg-boss's schema belongs to the runtime role (queue tables are created at run time). It is
 * installed here, by the owner: pg-boss's own installer begins with CREATE SCHEMA, which needs a
 * privilege on the database that the runtime role does not have.
 */
async function handOverJobQueueSchema(client: Client, user: string): Promise<void> {
  const schema = client.escapeIdentifier(JOB_QUEUE_SCHEMA);
  const name = client.escapeIdentifier(user);
  await installJobQueueSchema(client);
  await becomeMemberOf(client, user);
  await client.query(`ALTER SCHEMA ${schema} OWNER TO ${name}`);
  // Installations from before this change: pg-boss's objects were made by the owner.
  const objects = await client.query<{ kind: string; ident: string }>(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind,
            format('%I.%I', n.nspname, c.relname) AS ident
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'S', 'v')
        AND pg_get_userbyid(c.relowner) <> $2
     UNION ALL
     SELECT 'FUNCTION', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
     UNION ALL
     SELECT 'TYPE', format('%I.%I', n.nspname, t.typname)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $2`,
    [JOB_QUEUE_SCHEMA, user],
  );
  for (const object of objects.rows) {
    await client.query(`ALTER ${object.kind} ${object.ident} OWNER TO ${name}`);
  }
}

/**
 * Handing an object to a role takes membership in it (PostgreSQL 16+: the right to SET ROLE to
 * it). A superuser owner (Compose) has that; an owner with CREATEROLE — the README's setup on a
 * server where the owner is no superuser — grants it to itself. When it cannot (a login made by
 * someone else on a managed server), the message says what to run.
 */
async function becomeMemberOf(client: Client, user: string): Promise<void> {
  const version = await client.query<{ v: string }>(
    `SELECT current_setting('server_version_num') AS v`,
  );
  // PostgreSQL 16 split membership: ALTER … OWNER TO needs the SET option; before, membership.
  const needed = Number(version.rows[0].v) >= 160000 ? 'SET' : 'MEMBER';
  const member = await client.query<{ ok: boolean }>(
    `SELECT pg_has_role(current_user, $1, $2) AS ok`,
    [user, needed],
  );
  if (member.rows[0].ok) return;
  const name = client.escapeIdentifier(user);
  try {
    await client.query(`GRANT ${name} TO CURRENT_USER`);
  } catch (error) {
    const owner = (await client.query<{ u: string }>('SELECT current_user AS u')).rows[0].u;
    throw new Error(
      `The owner "${owner}" must be a member of the service's login "${user}" to give it the job ` +
        `queue's schema, and could not make itself one (${(error as Error).message}). As an ` +
        `administrator, run: GRANT ${name} TO ${client.escapeIdentifier(owner)};`,
    );
  }
}
