import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';
import { migrate } from './migrator';
import { describeStartupError, StartupError } from './startup-errors';

export const EMBEDDED_DATABASE_NAME = 'onboarding_tracker';

export interface ProvisionedDatabase {
  url: string;
  /** Where the data lives, for the start-up log line (credentials left out). */
  description: string;
  embedded?: EmbeddedDatabase;
}

export interface ProvisionEvents {
  /** Something went wrong and was handled (e.g. the embedded server was restarted). */
  warn?: (message: string) => void;
  /** The embedded server died for good: the service cannot go on. */
  fatal?: (message: string) => void;
}

function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/** A connection test whose failure names the variable to fix, not just "ECONNREFUSED". */
async function checkReachable(url: string, variable: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new StartupError(
      `Cannot connect to the database at ${describe(url)} (${variable}): ${describeStartupError(error)}. ` +
        `Check that PostgreSQL is running there and that ${variable} is right.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL under .data/. Then pending migrations. */
export async function provisionDatabase(
  config: AppConfig,
  events: ProvisionEvents = {},
): Promise<ProvisionedDatabase> {
  let provisioned: ProvisionedDatabase;
  if (config.databaseUrl) {
    await checkReachable(config.databaseUrl, 'DATABASE_URL');
    provisioned = {
      url: config.databaseUrl,
      description: `PostgreSQL at ${describe(config.databaseUrl)} (DATABASE_URL)`,
    };
  } else {
    const embedded = await startEmbeddedDatabase({
      ...config.embeddedDatabase,
      onWarn: events.warn,
      onFatal: events.fatal,
    });
    try {
      await embedded.createDatabaseIfMissing(EMBEDDED_DATABASE_NAME);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    const url = embedded.url(EMBEDDED_DATABASE_NAME);
    provisioned = {
      url,
      embedded,
      description: `embedded PostgreSQL at ${describe(url)}, data in ${config.embeddedDatabase.dir}`,
    };
  }
  if (config.migrateOnStart) {
    try {
      await migrate(provisioned.url);
    } catch (error) {
      await provisioned.embedded?.stop();
      throw error;
    }
  }
  return provisioned;
}
