/**
 * `npm run db:migrate` (and the migration step of docker-compose): applies pending SQL migrations
 * from prisma/migrations to DATABASE_URL. A second run applies nothing.
 */
import { migrate } from './migrator';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write(
      'DATABASE_URL is not set: point it at the PostgreSQL database to migrate.\n',
    );
    process.exit(1);
  }
  const report = await migrate(url);
  process.stdout.write(report.trim() ? `${report.trim()}\n` : 'No pending migrations.\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
