// Generates web/src/shared/api/schema.d.ts from the compiled service (`npm run web:api` builds it
// first). `--check` only compares, exiting 1 when the committed file differs; `--dist <dir>` reads
// another build than dist/.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, SCHEMA_FILE, documentFromBuild, typesFromDocument } = require('./openapi-document');

const args = process.argv.slice(2);
const check = args.includes('--check');
const distIndex = args.indexOf('--dist');
const distDir = distIndex >= 0 ? path.resolve(args[distIndex + 1]) : path.join(ROOT, 'dist');
const target = path.relative(ROOT, SCHEMA_FILE);

async function main() {
  const types = await typesFromDocument(await documentFromBuild(distDir));
  if (!check) {
    fs.writeFileSync(SCHEMA_FILE, types);
    return `Wrote ${target}\n`;
  }
  const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (committed !== types) {
    const committedLines = committed.split('\n');
    const line = types.split('\n').findIndex((text, i) => text !== committedLines[i]);
    throw new Error(
      `${target} differs from the OpenAPI document of the build (first at line ${line + 1}): ` +
        'run `npm run web:api` and commit the result',
    );
  }
  return `${target} matches the OpenAPI document of the build\n`;
}

main()
  .then((message) => {
    process.stdout.write(message);
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
