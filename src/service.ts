import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { provisionDatabase } from './database/provision-database';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const database = await provisionDatabase(config);
  const app = await createApp(config, database.url);
  const logger = app.get(Logger);
  logger.log(`Database: ${database.description}`, 'Bootstrap');
  await app.listen(config.port, config.host);
  logger.log(
    `Listening on http://localhost:${config.port} (API under /api/v1, docs at /docs)`,
    'Bootstrap',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining requests and shutting down`, 'Bootstrap');
    const deadline = setTimeout(() => {
      logger.error('Shutdown took too long; exiting', 'Bootstrap');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    let code = 0;
    try {
      // Stops accepting connections, waits for in-flight requests, then closes the pool.
      await app.close();
    } catch (error) {
      logger.error({ err: error }, 'Error while closing the application');
      code = 1;
    }
    try {
      await database.embedded?.stop();
    } catch (error) {
      logger.error({ err: error }, 'Error while stopping the embedded database');
      code = 1;
    }
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
