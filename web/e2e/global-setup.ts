import fs from 'node:fs';
import { CHROMIUM_PATH } from './chromium';
import { ENV_BASE_URL, startService } from './service';

/** One real service for the whole run; the returned function stops it. */
export default async function globalSetup() {
  const chromium = CHROMIUM_PATH;
  if (!fs.existsSync(chromium)) {
    // Playwright cannot download a browser here; say what to install instead of a stack trace.
    process.stderr.write(
      `Browser tests: no Chromium at ${chromium}. Install Debian's (apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium binary.\n',
    );
    process.exit(1);
  }
  const service = await startService();
  process.env[ENV_BASE_URL] = service.url;
  process.stdout.write(`Service under test: ${service.url}\n`);
  return () => service.stop();
}
