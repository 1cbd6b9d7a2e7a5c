import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '../config/app-config';
import { PrismaClient } from '../generated/prisma/client';
import { SerialClient } from './serial-client';

/**
 * The one database client of the app: Prisma Client on node-postgres via the pg driver adapter.
 * The pool is ours, so a hot read path (the overdue report) can run one plain SQL statement on the
 * same connections without Prisma's per-value result mapping.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  readonly pool: Pool;
  private readonly logger = new Logger('Database');

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    const limits = config.database;
    const pool = new Pool({
      Client: SerialClient,
      connectionString: databaseUrl,
      max: limits.poolSize,
      connectionTimeoutMillis: limits.connectTimeoutMs,
      // Server-side limits: a runaway statement or an abandoned transaction ends on its own.
      statement_timeout: limits.statementTimeoutMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      // Client-side limit a little above the server's, for a server that stopped answering.
      query_timeout: limits.statementTimeoutMs + 5_000,
      // Half-open connections (a vanished host) are found by TCP keepalive, not by a hung request.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    super({
      adapter: new PrismaPg(pool),
      transactionOptions: {
        // Prisma's own 2 s wait for a connection ended start-up on a loaded machine (a new
        // connection's SCRAM handshake alone can take that long) and answered a busy moment with
        // a 500; the pool's connect timeout is the one limit, and its error is a 503.
        maxWait: limits.connectTimeoutMs,
        // Prisma's 5 s for the whole transaction, likewise: the server's statement and idle
        // limits are what end a runaway one.
        timeout: limits.statementTimeoutMs,
      },
    });
    this.pool = pool;
    // An idle connection that dies (server restart, network) is reported here; without a
    // listener node-postgres would crash the process.
    pool.on('error', (error) => {
      this.logger.warn(`A pooled database connection failed: ${error.message}`);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    // Closing an app twice (tests do) must not fail on the second close.
    if (!this.pool.ended) await this.pool.end();
  }
}

/** The client handed to code running inside `prisma.$transaction(async (tx) => …)`. */
export type PrismaTx = Omit<
  PrismaClient,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;
