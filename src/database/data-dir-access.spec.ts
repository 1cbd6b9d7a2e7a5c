import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDirectories } from './data-dir-access';

describe('makeDirectories', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'make-directories-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('makes every missing level, the last one with the mode asked', () => {
    const dir = path.join(root, 'a', 'b', 'pg');
    makeDirectories(dir, 0o700);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(root, 'a')).isDirectory()).toBe(true);
    // Again: nothing to do, no error.
    makeDirectories(dir, 0o700);
  });

  it('fails with the reason where a file is in the way', () => {
    fs.writeFileSync(path.join(root, 'file'), '');
    expect(() => makeDirectories(path.join(root, 'file', 'pg'))).toThrow(/ENOTDIR|EEXIST/);
  });

  // Node's recursive mkdir never returns for this path (checked on Node 20 and 24).
  (fs.existsSync('/proc/self') ? it : it.skip)('fails at once under /proc', () => {
    const started = performance.now();
    expect(() => makeDirectories('/proc/nope/pg')).toThrow(/ENOENT/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
