import { Client } from 'pg';
import { EmbeddedDatabaseError } from '../../src/database/embedded-database-error';
import { migrate } from '../../src/database/migrator';
import {
  ENV_ADMIN_URL,
  ENV_TEMPLATE_DB,
  startThrowawayPostgres,
  withDatabase,
} from './test-postgres';

/**
 * Starts one PostgreSQL for the run (TEST_DATABASE_URL / DATABASE_URL when set, else embedded),
 * and migrates a template database that every test file clones.
 */
export default async function globalSetup(): Promise<void> {
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let adminUrl: string;
  if (given) {
    adminUrl = withDatabase(given, 'postgres');
  } else {
    const { db, dir } = await startThrowawayPostgres().catch((error: unknown) => {
      // A problem with the machine, said in one line rather than as a stack trace.
      if (error instanceof EmbeddedDatabaseError) {
        process.stderr.write(`npm test: ${error.message}\n`);
        process.exit(1);
      }
      throw error;
    });
    (globalThis as Record<string, unknown>).__OT_TEST_PG__ = { db, dir };
    adminUrl = db.url('postgres');
  }
  const templateDb = `ot_template_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${templateDb}"`);
  } finally {
    await admin.end();
  }
  await migrate(withDatabase(adminUrl, templateDb));
  process.env[ENV_ADMIN_URL] = adminUrl;
  process.env[ENV_TEMPLATE_DB] = templateDb;
}
