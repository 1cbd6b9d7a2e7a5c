import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '../config/app-config';
import { PrismaService } from '../prisma/prisma.service';
import { AuthCache } from './auth-cache';

/** The channel the auth triggers notify on (see the auth_change_notify migration). */
const CHANNEL = 'auth_changed';
/** How listener connections are told apart in pg_stat_activity, to count the instances. */
export const LISTENER_APPLICATION_NAME = 'onboarding-tracker:auth-listener';
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000];
/** How long a change waits for every instance to confirm it has dropped what it cached. */
const SETTLE_TIMEOUT_MS = 2_000;

interface Settling {
  acks: number;
  expected: number | undefined;
  done: () => void;
}

/**
 * Keeps the AuthCache coherent across instances: one dedicated connection LISTENs for the row
 * changes the auth triggers announce and drops the entries read from those rows. The cache is on
 * only while that connection is known to be alive (a heartbeat checks it); when it drops, the
 * cache is cleared and bypassed until the connection is back and listening again.
 *
 * `settle()` makes a change take effect on the very next request everywhere: after committing a
 * revocation, the instance that made it announces a marker, each listening instance answers it
 * once it has handled every notification before it (they arrive in commit order), and the change's
 * response waits for all the answers (bounded by SETTLE_TIMEOUT_MS).
 */
@Injectable()
export class AuthChangeListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuthCache');
  private client: Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopping = false;
  private readonly settling = new Map<string, Settling>();

  constructor(
    private readonly cache: AuthCache,
    private readonly prisma: PrismaService,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Start-up waits for the first attempt; until a later one succeeds the cache stays off. */
  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnect);
    const client = this.client;
    if (client) this.drop(client);
    for (const waiter of this.settling.values()) waiter.done();
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Resolves once every listening instance has handled the notifications of what this instance
   * committed so far (or after SETTLE_TIMEOUT_MS). Call it after committing a change to a key,
   * user or session, before answering.
   */
  async settle(): Promise<void> {
    if (!this.client) return; // the cache is off here; elsewhere, see the class comment
    const nonce = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const settled = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.settling.delete(nonce);
        resolve();
      };
      this.settling.set(nonce, { acks: 0, expected: undefined, done });
      timer = setTimeout(() => {
        this.logger.warn('Not every instance confirmed an auth change in time; answering anyway');
        done();
      }, SETTLE_TIMEOUT_MS);
    });
    try {
      const { rows } = await this.prisma.pool.query<{ listeners: number }>(
        `SELECT pg_notify($1, $2),
                (SELECT count(*)::int FROM pg_stat_activity
                  WHERE datname = current_database() AND application_name = $3) AS listeners`,
        [CHANNEL, `sync:${nonce}`, LISTENER_APPLICATION_NAME],
      );
      const waiter = this.settling.get(nonce);
      if (waiter) {
        waiter.expected = rows[0].listeners;
        if (waiter.acks >= waiter.expected) waiter.done();
      }
    } catch (error) {
      this.settling.get(nonce)?.done();
      throw error;
    }
    await settled;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: this.config.database.connectTimeoutMs,
      query_timeout: HEARTBEAT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => this.onNotification(client, message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'the connection closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      void client.end().catch(() => undefined);
      this.retry(`cannot listen for auth changes: ${(error as Error).message}`);
      return;
    }
    if (this.stopping) {
      void client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Anything cached before could have missed a notification: start from empty.
    this.cache.enable();
    if (this.failures > 0) this.logger.log('Listening for auth changes again; cache back on');
    this.failures = 0;
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: Error) => this.lost(client, error.message));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private onNotification(client: Client, payload: string): void {
    if (payload.startsWith('sync:')) {
      // Every notification before this marker has been handled (they arrive in commit order).
      client
        .query('SELECT pg_notify($1, $2)', [CHANNEL, `ack:${payload.slice(5)}`])
        .catch((error: Error) => this.lost(client, error.message));
    } else if (payload.startsWith('ack:')) {
      const waiter = this.settling.get(payload.slice(4));
      if (waiter && ++waiter.acks >= (waiter.expected ?? Infinity)) waiter.done();
    } else {
      this.cache.invalidate(payload);
    }
  }

  private lost(client: Client, reason: string): void {
    if (client !== this.client) return;
    this.drop(client);
    this.retry(`lost the auth-change listener (${reason}); cache off until it is back`);
  }

  private drop(client: Client): void {
    this.client = undefined;
    this.cache.disable();
    clearInterval(this.heartbeat);
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
  }

  private retry(reason: string): void {
    if (this.stopping) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.failures, RECONNECT_DELAYS_MS.length - 1)];
    if (this.failures === 0) this.logger.warn(reason);
    this.failures++;
    this.reconnect = setTimeout(() => void this.connect(), delay);
    this.reconnect.unref();
  }
}
