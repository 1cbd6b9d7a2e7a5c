#!/usr/bin/env node
// `npm run db:migrate`: applies pending SQL migrations from prisma/migrations to DATABASE_URL with
// dbmate. Each migration runs in a transaction; a second run applies nothing.
'use strict';
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write(
    'DATABASE_URL is not set: point it at the PostgreSQL database to migrate.\n',
  );
  process.exit(1);
}
const parsed = new URL(url);
if (!parsed.searchParams.has('sslmode')) parsed.searchParams.set('sslmode', 'disable');
const ext = process.platform === 'win32' ? '.exe' : '';
const dbmate = require.resolve(`@dbmate/${process.platform}-${process.arch}/bin/dbmate${ext}`);
const migrationsDir = path.resolve(__dirname, '..', 'prisma', 'migrations');
try {
  execFileSync(
    dbmate,
    [
      '--url',
      parsed.toString(),
      '--migrations-dir',
      migrationsDir,
      '--migrations-table',
      'schema_migrations',
      '--no-dump-schema',
      'up',
    ],
    { stdio: 'inherit', env: { ...process.env, DATABASE_URL: '' } },
  );
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
