import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';
import { migrate } from './migrator';

export const EMBEDDED_DATABASE_NAME = 'onboarding_tracker';

export interface ProvisionedDatabase {
  url: string;
  /** Where the data lives, for the start-up log line (credentials left out). */
  description: string;
  embedded?: EmbeddedDatabase;
}

function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL under .data/. Then pending migrations. */
export async function provisionDatabase(
  config: AppConfig,
  onLog?: (message: unknown) => void,
): Promise<ProvisionedDatabase> {
  let provisioned: ProvisionedDatabase;
  if (config.databaseUrl) {
    provisioned = {
      url: config.databaseUrl,
      description: `PostgreSQL at ${describe(config.databaseUrl)} (DATABASE_URL)`,
    };
  } else {
    const embedded = await startEmbeddedDatabase({ ...config.embeddedDatabase, onLog });
    await embedded.createDatabaseIfMissing(EMBEDDED_DATABASE_NAME);
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
