import request from 'supertest';
import { SharedRateLimitStorage } from '../src/auth/shared-rate-limit.storage';
import { startTestApp, TestApp } from './helpers/test-app';

// Two instances on one database: a client spread over both gets the limit once, not twice.
describe('rate limits shared by every instance', () => {
  const LIMIT = 10;
  let first: TestApp;
  let second: Awaited<ReturnType<TestApp['anotherInstance']>>;

  beforeAll(async () => {
    first = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    second = await first.anotherInstance();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const pause = () => new Promise((r) => setTimeout(r, 250));

  it('counts one client across both instances', async () => {
    // Stay clear of a window boundary, which would reset the count half-way.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
    const instances = [first.http, request(second.getHttpServer())];
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 4; i++) {
      const res = await instances[i % 2].get('/api/v1/templates').set('Authorization', first.admin);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      await pause();
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    // Each instance alone has seen only half the hits, yet both refuse.
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429, 429]);
    const rows = await first.prisma.rateLimitCounter.findMany();
    expect(rows.reduce((sum, row) => sum + row.hits, 0)).toBeGreaterThanOrEqual(LIMIT + 4);
  });

  it('keeps counting locally while the shared counters cannot be written', async () => {
    const broken = new SharedRateLimitStorage({
      pool: { query: () => Promise.reject(new Error('database down')) },
    } as never);
    try {
      for (let i = 0; i < 3; i++) await broken.increment('k', 60_000, 2, 0, 'default');
      await broken.flush();
      const record = await broken.increment('k', 60_000, 2, 0, 'default');
      expect(record).toMatchObject({ totalHits: 4, isBlocked: true });
    } finally {
      broken.onModuleDestroy();
    }
  });
});
