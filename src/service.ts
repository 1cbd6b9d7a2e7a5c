import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { assertListenable, describeStartupError } from './database/startup-errors';
import { provisionDatabase, ProvisionedDatabase } from './database/provision-database';
import { signalThatEnded } from './database/detached-process';
import { HttpDrain } from './health/http-drain';

/** Signals this close together are one Ctrl-C (see onSignal). */
const SAME_PRESS_MS = 1_000;

/**
 * Start-up and shutdown of the service. A stop signal (Ctrl-C in a terminal sends SIGINT to the
 * whole process group; orchestrators send SIGTERM) is honoured at any moment, during boot too,
 * and always ends with exit code 0, a final "Stopped" line and the embedded PostgreSQL stopped.
 */
export class Service {
  private config: AppConfig | undefined;
  private database: ProvisionedDatabase | undefined;
  private app: NestExpressApplication | undefined;
  private stopSignal: string | undefined;
  private stopSignalAt = 0;
  private stopping: Promise<void> | undefined;

  async start(): Promise<void> {
    if (this.stopSignal) return this.stop();
    const config = (this.config = loadConfig(process.env));
    // Before anything is minted or printed: a busy port is the commonest first-run failure.
    await assertListenable(config.port, config.host);
    if (this.stopSignal) return this.stop();

    this.database = await provisionDatabase(config, {
      warn: (message) => this.warn(message),
      fatal: (message) => this.fatal(message),
    });
    if (this.stopSignal) return this.stop();

    this.app = await createApp(config, this.database.url);
    const logger = this.app.get(Logger);
    logger.log(`Database: ${this.database.description}`, 'Bootstrap');
    if (this.stopSignal) return this.stop();

    // Connecting the pool and the job queue is the longest step left: a signal during it stops
    // here, before the port opens, rather than after a "Listening" line that is no longer true.
    await this.app.init();
    if (this.stopSignal) return this.stop();

    await this.app.listen(config.port, config.host);
    if (this.stopSignal) return this.stop();
    logger.log(
      `Listening on http://localhost:${config.port} (app at /, API under /api/v1, docs at /docs)`,
      'Bootstrap',
    );
  }

  onSignal(signal: string): void {
    if (this.stopSignal) {
      // Under `npm start`, one Ctrl-C arrives twice: from the terminal and forwarded by npm.
      if (Date.now() - this.stopSignalAt < SAME_PRESS_MS) return;
      this.line(`${signal} received again: still stopping (waiting for requests and PostgreSQL)`);
      return;
    }
    this.stopSignal = signal;
    this.stopSignalAt = Date.now();
    this.line(`${signal} received: stopping`);
    // During boot, start() notices the signal after its current step and stops from there.
    if (this.app?.getHttpServer().listening) void this.stop();
  }

  /** Drain HTTP, then close the app (jobs, pool), then the embedded database; exit 0. */
  stop(code = 0): Promise<void> {
    this.stopping ??= this.doStop(code);
    return this.stopping;
  }

  private async doStop(code: number): Promise<void> {
    const timeoutMs = this.config?.shutdownTimeoutMs ?? 10_000;
    const deadline = setTimeout(() => {
      this.line('Stopping took longer than SHUTDOWN_TIMEOUT_MS; exiting');
      process.exit(1);
    }, timeoutMs + 20_000);
    deadline.unref();
    const app = this.app;
    if (app) {
      try {
        const server = app.getHttpServer() as Server;
        if (server.listening) {
          const drained = await app.get(HttpDrain).drain(server, timeoutMs);
          if (!drained) this.warn('Some requests were still running at SHUTDOWN_TIMEOUT_MS');
        }
        await app.close();
      } catch (error) {
        this.warn(`Error while closing the application: ${describeStartupError(error)}`);
        code = 1;
      }
    }
    try {
      await this.database?.embedded?.stop();
    } catch (error) {
      this.warn(`Error while stopping the embedded database: ${describeStartupError(error)}`);
      code = 1;
    }
    // Written straight to stdout (synchronous for pipes and files), so it is never lost to exit.
    process.stdout.write(this.asLogLine('info', 'Stopped'));
    // Stopped in time: the deadline must not fire later where exit does not end the process (tests).
    clearTimeout(deadline);
    process.exit(code);
  }

  /** Start-up failed: say what happened and what to do, stop what was started, exit 1. */
  async fail(error: unknown): Promise<void> {
    // The stop signal also reached a tool being spawned for this step (see signalThatEnded):
    // the step was stopped, as asked, and nothing failed.
    if (this.stopSignal && signalThatEnded(error)) return this.stop();
    if (error instanceof ConfigError) {
      // No configuration, so no LOG_FORMAT either: the message as it is.
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        this.asLogLine('error', `Start-up failed: ${describeStartupError(error)}`),
      );
    }
    await this.app?.close().catch(() => undefined);
    await this.database?.embedded?.stop().catch(() => undefined);
    process.exit(1);
  }

  private fatal(message: string): void {
    this.warn(`${message}; exiting so that a supervisor can restart the service`);
    void this.stop(1);
  }

  private warn(message: string): void {
    if (this.app) this.app.get(Logger).warn(message, 'Bootstrap');
    else process.stderr.write(this.asLogLine('warn', message));
  }

  private line(message: string): void {
    if (this.app) this.app.get(Logger).log(message, 'Bootstrap');
    else process.stdout.write(this.asLogLine('info', message));
  }

  /**
   * A message written before the logger exists or after it is gone, as the log stream writes it:
   * a JSON line under LOG_FORMAT=json (so a shipper reading JSON lines takes every line), the
   * message itself otherwise.
   */
  private asLogLine(level: 'info' | 'warn' | 'error', message: string): string {
    if (this.config?.log.format !== 'json') return `${message}\n`;
    const pinoLevel = { info: 30, warn: 40, error: 50 }[level];
    return `${JSON.stringify({ level: pinoLevel, time: Date.now(), pid: process.pid, context: 'Bootstrap', msg: message })}\n`;
  }
}
