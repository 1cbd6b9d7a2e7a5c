import fs from 'node:fs';
import path from 'node:path';
import { runDetached, signalThatEnded } from './detached-process';
import { EmbeddedDatabaseError } from './embedded-database-error';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** The system user PostgreSQL runs as when the service runs as root; created when missing. */
export async function osUser(name: string, options: { create: boolean }): Promise<OsUser> {
  const lookup = async () => ({
    name,
    uid: Number((await runDetached('id', ['-u', name])).trim()),
    gid: Number((await runDetached('id', ['-g', name])).trim()),
  });
  try {
    return await lookup();
  } catch (error) {
    // Stopped while `id` was being spawned: that says nothing about whether the user exists.
    if (signalThatEnded(error)) throw error;
    if (!options.create) throw new EmbeddedDatabaseError(`There is no system user "${name}"`);
  }
  try {
    await runDetached('groupadd', ['--force', '--system', name]);
    await runDetached('useradd', ['--system', '--no-create-home', '-g', name, name]);
    return await lookup();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `PostgreSQL cannot run as root, and creating the system user "${name}" for it failed ` +
        `(${(error as Error).message}). Create it, or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

/** Whether `user` may search (enter) a directory with the given stat, by the classic mode bits. */
export function canEnter(stat: { mode: number; uid: number; gid: number }, user: OsUser): boolean {
  if (stat.uid === user.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === user.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/** The existing directories from / down to `target` (or to its nearest existing ancestor). */
function existingAncestors(target: string): string[] {
  const chain: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) chain.unshift(dir);
    if (dir === path.dirname(dir)) return chain;
  }
}

/**
 * Checks, before anything is created, that the embedded server will be able to reach its data
 * directory and binaries; otherwise initdb fails half-way with `spawn EACCES` and leaves files
 * behind. `runAs` is the user PostgreSQL will run as (root case), or undefined for ourselves.
 */
export function checkDataDirAccess(dataDir: string, binaries: string[], runAs?: OsUser): void {
  const what = (p: string) => (p.startsWith(path.resolve(dataDir)) ? 'data directory' : 'path');
  if (runAs) {
    for (const target of [dataDir, ...binaries]) {
      for (const dir of existingAncestors(path.dirname(target))) {
        const stat = fs.statSync(dir);
        if (stat.isDirectory() && !canEnter(stat, runAs)) {
          throw new EmbeddedDatabaseError(
            `PostgreSQL refuses to run as root, so the embedded server runs as the system user "${runAs.name}", ` +
              `which cannot enter ${dir} (mode ${(stat.mode & 0o777).toString(8)}) on the way to the ${what(target)} ${target}. ` +
              `Use a directory it can enter (chmod o+x ${dir}, or move the checkout or EMBEDDED_DB_DIR), or set DATABASE_URL.`,
          );
        }
      }
    }
    return;
  }
  const ancestors = existingAncestors(dataDir);
  const nearest = ancestors[ancestors.length - 1];
  try {
    fs.accessSync(nearest, fs.constants.W_OK | fs.constants.X_OK | fs.constants.R_OK);
  } catch {
    throw new EmbeddedDatabaseError(
      `Cannot use ${nearest} for the embedded database (${dataDir}): no permission to read and write it. ` +
        'Set EMBEDDED_DB_DIR to a directory you own, or set DATABASE_URL.',
    );
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest directory that exists. Node's own recursive
 * mkdir never returns for a path under /proc (the kernel answers ENOENT there, and it retries
 * forever at full CPU, deaf to Ctrl-C); here such a path fails at once with the kernel's error.
 */
export function makeDirectories(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !fs.existsSync(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const [i, at] of missing.entries()) {
    fs.mkdirSync(at, i === missing.length - 1 && mode !== undefined ? { mode } : {});
  }
}
