// Prints how much JavaScript (gzipped) the browser loads for the first screens of the built web
// app, from Vite's manifest: the entry with its static imports, plus each screen's own chunks.
// Fails when a first screen is over the budget.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const WEB_DIR = path.resolve(__dirname, '..', 'dist', 'web');
const BUDGET = 300 * 1024;
const FIRST_SCREENS = {
  'sign-in (/login)': 'src/features/auth/LoginPage.tsx',
  'overdue board (/overdue, home of staff)': 'src/features/overdue/OverduePage.tsx',
};

const manifest = JSON.parse(fs.readFileSync(path.join(WEB_DIR, '.vite/manifest.json'), 'utf8'));

function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) staticClosure(imported, seen);
  return seen;
}

const gzipped = (file) =>
  zlib.gzipSync(fs.readFileSync(path.join(WEB_DIR, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let over = false;
for (const [screen, source] of Object.entries(FIRST_SCREENS)) {
  const keys = new Set([...staticClosure('index.html'), ...staticClosure(source)]);
  const files = [...keys].map((key) => manifest[key].file).filter((f) => f.endsWith('.js'));
  const total = files.reduce((sum, file) => sum + gzipped(file), 0);
  process.stdout.write(
    `First screen ${screen}: ${kb(total)} of JS gzipped (${files.length} files)\n`,
  );
  if (total > BUDGET) over = true;
}
if (over) {
  process.stderr.write(`Over the budget of ${kb(BUDGET)}\n`);
  process.exit(1);
}
