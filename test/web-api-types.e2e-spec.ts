import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SCHEMA_FILE = path.join(ROOT, 'web/src/shared/api/schema.d.ts');

/**
 * The web app's API types (web/src/shared/api/schema.d.ts) must be what `npm run web:api` makes
 * from the document the production build serves: compile the service with `nest build` (into a
 * scratch directory, so dist/ is left alone), build its document, generate, compare.
 */
describe('web app API types', () => {
  const buildDir = path.join(ROOT, '.cache', `openapi-build-${process.pid}`);

  beforeAll(() => {
    fs.mkdirSync(buildDir, { recursive: true });
    const tsconfig = path.join(buildDir, 'tsconfig.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(ROOT, 'tsconfig.build.json'),
        compilerOptions: { outDir: path.join(buildDir, 'dist') },
      }),
    );
    const nestCli = JSON.parse(fs.readFileSync(path.join(ROOT, 'nest-cli.json'), 'utf8'));
    // The same compiler plugins as the real build; no assets (the document needs none).
    nestCli.compilerOptions = {
      ...nestCli.compilerOptions,
      tsConfigPath: path.relative(ROOT, tsconfig),
      assets: [],
    };
    const cliConfig = path.join(buildDir, 'nest-cli.json');
    fs.writeFileSync(cliConfig, JSON.stringify(nestCli));
    const build = spawnSync(
      process.execPath,
      // The Nest CLI takes these paths relative to the project.
      [
        require.resolve('@nestjs/cli/bin/nest.js'),
        'build',
        '-c',
        path.relative(ROOT, cliConfig),
        '-p',
        path.relative(ROOT, tsconfig),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (build.status !== 0) throw new Error(`nest build failed:\n${build.stdout}${build.stderr}`);
  }, 180_000);

  afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }));

  it('match the OpenAPI document of the built service (run `npm run web:api` when not)', () => {
    // A child process: the generator is an ES module, which Jest's module system cannot load.
    const check = spawnSync(
      process.execPath,
      ['scripts/web-api.js', '--check', '--dist', path.join(buildDir, 'dist')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect({ status: check.status, output: check.stderr.trim() }).toEqual({
      status: 0,
      output: '',
    });
  });

  it('cover the operations the web app calls', () => {
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    for (const route of ['/api/v1/engagements', '/api/v1/customers', '/api/v1/templates']) {
      expect(committed).toContain(`"${route}": {`);
    }
    expect(committed).toContain('ProblemDto: {');
  });
});
