/**
 * `npm run db:migrate` (and the migration step of docker-compose): applies pending SQL migrations
 * from prisma/migrations. With MIGRATION_DATABASE_URL (the schema owner) it migrates as the owner
 * and then makes sure DATABASE_URL's login exists with only the privileges the service needs.
 * Without it, DATABASE_URL is migrated as is. A second run applies nothing.
 */
import { migrate } from './migrator';
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
  const report = ownerUrl
    ? await migrate(ownerUrl, undefined, { runtimeRole: runtimeRoleOf(runtimeUrl) })
    : await migrate(runtimeUrl);
  process.stdout.write(report.trim() ? `${report.trim()}\n` : 'No pending migrations.\n');
  if (ownerUrl) {
    process.stdout.write(`Privileges of ${runtimeRoleOf(runtimeUrl).user} are up to date.\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
