import { Logger } from '@nestjs/common';
import type { PrismaService } from '../prisma/prisma.service';
import { SharedRateLimitStorage } from './shared-rate-limit.storage';

describe('SharedRateLimitStorage while the database is away', () => {
  it('says so once when sharing fails, not at every flush, and once when it works again', async () => {
    let up = false;
    const prisma = {
      pool: {
        query: () =>
          up
            ? Promise.resolve({ rows: [] })
            : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
      },
    } as unknown as PrismaService;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const storage = new SharedRateLimitStorage(prisma);
    try {
      await storage.increment('key-1', 60_000, 100, 0, 'default');
      for (let i = 0; i < 5; i++) await storage.flush();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/Could not share rate-limit counts/);
      up = true;
      await storage.flush();
      await storage.flush();
      expect(log.mock.calls.map((c) => c[0])).toEqual(['Sharing rate-limit counts again']);
    } finally {
      storage.onModuleDestroy();
      warn.mockRestore();
      log.mockRestore();
    }
  });
});
