import { Client, Pool } from 'pg';
import { SerialClient } from '../src/prisma/serial-client';
import { createCustomer, createEngagement } from './helpers/engagement-api';
import { seedFixtureCatalogue } from './helpers/template-fixtures';
import { createTestDatabase, TestDatabase } from './helpers/test-database';
import { startTestApp, TestApp } from './helpers/test-app';

const originalQuery = Client.prototype.query as (...args: unknown[]) => unknown;

// Several queries given at once to one connection run one after another, in order, without
// leaning on node-postgres' own queue (deprecated, and gone in pg@9).
describe('SerialClient', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, Client: SerialClient, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('runs queries given at once in the order given, each with its own answer or error', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const pending = [30, 1, 20].map((ms, i) =>
        client.query<{ i: number; at: Date }>(
          'SELECT $1::int AS i, clock_timestamp() AS at, pg_sleep($2::float / 1000)',
          [i, ms],
        ),
      );
      const failing = client.query('SELECT 1/0');
      // Nothing waits in node-postgres' own queue: that is what it deprecates.
      expect((client as unknown as { _queryQueue: unknown[] })._queryQueue).toHaveLength(0);
      const answered = (await Promise.all(pending)).map(({ rows }) => rows[0]);
      await expect(failing).rejects.toMatchObject({ code: '22012' });
      await client.query('ROLLBACK');
      expect(answered.map((row) => row.i)).toEqual([0, 1, 2]);
      // One after another: each began after the one before it had finished sleeping.
      expect(answered[1].at.getTime() - answered[0].at.getTime()).toBeGreaterThanOrEqual(30);
      expect(answered[2].at.getTime()).toBeGreaterThanOrEqual(answered[1].at.getTime());
    } finally {
      client.release();
    }
  });

  it("lets the pool's own callback queries and plain pool.query through", async () => {
    const { rows } = await pool.query<{ n: number }>('SELECT 2 AS n');
    expect(rows).toEqual([{ n: 2 }]);
  });
});

describe("the app's database client", () => {
  let t: TestApp;
  let engagementId: string;
  beforeAll(async () => {
    t = await startTestApp();
    await seedFixtureCatalogue(t.prisma);
    engagementId = (await createEngagement(t, await createCustomer(t, 'Serial Co'))).id;
  });
  afterAll(() => t.close());

  it("reads several relations in one transaction without using node-postgres' queue", async () => {
    const queuedAtCall: number[] = [];
    const query = jest.spyOn(Client.prototype, 'query');
    query.mockImplementation(function (this: Client, ...args: unknown[]) {
      queuedAtCall.push((this as unknown as { _queryQueue: unknown[] })._queryQueue.length);
      return originalQuery.apply(this, args);
    });
    try {
      const read = await t.prisma.$transaction((tx) =>
        tx.engagement.findUnique({
          where: { id: engagementId },
          include: { customer: { select: { name: true } }, contacts: true, tasks: true },
        }),
      );
      expect(read?.customer.name).toBe('Serial Co');
      expect(read?.tasks).toHaveLength(16);
    } finally {
      query.mockRestore();
    }
    expect(queuedAtCall.length).toBeGreaterThanOrEqual(4);
    expect(queuedAtCall.filter((queued) => queued > 0)).toEqual([]);
  });
});

// On a loaded machine a connection can take seconds to come free or be made: an interactive
// transaction waits as long as the pool itself would, instead of Prisma's own 2 s.
describe('an interactive transaction waiting for a connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '1' });
  });
  afterAll(() => t.close());

  it('starts once the only connection comes free after 3 s, within the pool connect timeout', async () => {
    const held = await t.prisma.pool.connect();
    const freed = new Promise((r) => setTimeout(r, 3_000)).then(() => held.release());
    const started = Date.now();
    const answer = await t.prisma.$transaction(
      async (tx) => tx.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`,
    );
    await freed;
    expect(answer).toEqual([{ one: 1 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
  });
});
