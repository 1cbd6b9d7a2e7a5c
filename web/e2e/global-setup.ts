import { ENV_BASE_URL, startService } from './service';

/** One real service for the whole run; the returned function stops it. */
export default async function globalSetup() {
  const service = await startService();
  process.env[ENV_BASE_URL] = service.url;
  process.stdout.write(`Service under test: ${service.url}\n`);
  return () => service.stop();
}
