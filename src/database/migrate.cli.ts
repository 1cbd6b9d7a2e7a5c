/**
 * `npm run db:migrate` (and the migration step of docker-compose): applies pending SQL migrations
 * from prisma/migrations. With MIGRATION_DATABASE_URL (the schema owner) it migrates as the owner
 * and then makes sure DATABASE_URL's login exists with only the privileges the service needs.
 * Without it, DATABASE_URL is migrated as is. A second run applies nothing.
 */
import { migrate } from './migrator';
import { explainMigrationFailure } from './migration-failure';
import { runtimeRoleOf } from './runtime-role';

async function main(): Promise<void> {
  const runtimeUrl = process.env.DATABASE_URL?.trim();
  const ownerUrl = process.env.MIGRATION_DATABASE_URL?.trim();
  if (!runtimeUrl) {
    process.stderr.write(
      'DATABASE_URL is not set: point it at the PostgreSQL database to migrate.\n',
    );
    process.exit(1);
  }
  const [url, variable] = ownerUrl
    ? [ownerUrl, 'MIGRATION_DATABASE_URL']
    : [runtimeUrl, 'DATABASE_URL'];
  try {
    const report = ownerUrl
      ? await migrate(ownerUrl, undefined, { runtimeRole: runtimeRoleOf(runtimeUrl) })
      : await migrate(runtimeUrl);
    process.stdout.write(report.trim() ? `${report.trim()}\n` : 'No pending migrations.\n');
    if (ownerUrl) {
      process.stdout.write(`Privileges of ${runtimeRoleOf(runtimeUrl).user} are up to date.\n`);
    }
  } catch (error) {
    process.stderr.write(`${explainMigrationFailure(error, url, variable)}\n`);
    process.exit(1);
  }
}

void main();
