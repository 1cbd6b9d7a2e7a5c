import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { DATABASE_URL } from '../config/app-config';
import { PrismaClient } from '../generated/prisma/client';

/**
 * The one database client of the app: Prisma Client on node-postgres via the pg driver adapter.
 * The pool is ours, so a hot read path (the overdue report) can run one plain SQL statement on the
 * same connections without Prisma's per-value result mapping.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  readonly pool: Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string) {
    const pool = new Pool({ connectionString: databaseUrl, max: 10 });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
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
