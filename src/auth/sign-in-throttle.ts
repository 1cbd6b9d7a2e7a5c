import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors/domain-errors';
import { PrismaService } from '../prisma/prisma.service';

/** What failed sign-ins are counted against: the account asked for, and the client address. */
export interface ThrottleSubjects {
  /** Normalised email, whether or not such an account exists (so a lock reveals nothing). */
  account: string;
  address: string;
}

const accountKey = (account: string) => `account:${account}`;
const addressKey = (address: string) => `address:${address}`;

/**
 * Counts failed sign-ins per account and per client address in PostgreSQL, so every instance
 * sees the same counts. Reaching a maximum within the window locks that subject for the window.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 429 (with the seconds to wait) while either subject is locked. */
  async check(subjects: ThrottleSubjects): Promise<void> {
    const rows = await this.prisma.$queryRaw<{ seconds: number | null }[]>`
      SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
        FROM sign_in_throttle
       WHERE key IN (${accountKey(subjects.account)}, ${addressKey(subjects.address)})
         AND locked_until > now()`;
    const seconds = rows[0]?.seconds;
    if (seconds != null && seconds > 0) {
      throw new TooManyRequestsError(
        `Too many failed sign-ins; try again in ${seconds} seconds`,
        seconds,
      );
    }
  }

  /** Counts one failure against both subjects, atomically however many instances race. */
  async recordFailure(subjects: ThrottleSubjects): Promise<void> {
    const { maxFailuresPerAccount, maxFailuresPerAddress } = this.config.auth.signInThrottle;
    await this.count(accountKey(subjects.account), maxFailuresPerAccount);
    await this.count(addressKey(subjects.address), maxFailuresPerAddress);
  }

  /**
   * Throws 429 while the client address is locked: by failed sign-ins and failed API keys or
   * session cookies alike, which share the address's budget.
   */
  async checkAddress(address: string): Promise<void> {
    const rows = await this.prisma.$queryRaw<{ seconds: number | null }[]>`
      SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
        FROM sign_in_throttle
       WHERE key = ${addressKey(address)} AND locked_until > now()`;
    const seconds = rows[0]?.seconds;
    if (seconds != null && seconds > 0) {
      throw new TooManyRequestsError(
        `Too many failed authentication attempts from this address; try again in ${seconds} seconds`,
        seconds,
      );
    }
  }

  /** Counts one failed authentication (a bad API key or session cookie) against the address. */
  async recordAddressFailure(address: string): Promise<void> {
    await this.count(addressKey(address), this.config.auth.signInThrottle.maxFailuresPerAddress);
  }

  /** A successful sign-in forgets the account's failures (the address keeps its count). */
  async recordSuccess(subjects: ThrottleSubjects): Promise<void> {
    await this.prisma.signInThrottle.deleteMany({ where: { key: accountKey(subjects.account) } });
  }

  private async count(key: string, max: number): Promise<void> {
    const windowMs = this.config.auth.signInThrottle.lockoutMs;
    const window = `${windowMs} milliseconds`;
    await this.prisma.$executeRaw`
      INSERT INTO sign_in_throttle AS t (key, failures, window_started_at, locked_until)
      VALUES (${key}, 1, now(), CASE WHEN 1 >= ${max} THEN now() + ${window}::interval END)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN t.window_started_at <= now() - ${window}::interval THEN 1
                        ELSE t.failures + 1 END,
        window_started_at = CASE WHEN t.window_started_at <= now() - ${window}::interval
                                 THEN now() ELSE t.window_started_at END,
        locked_until = CASE
          WHEN (CASE WHEN t.window_started_at <= now() - ${window}::interval THEN 1
                     ELSE t.failures + 1 END) >= ${max}
          THEN now() + ${window}::interval
          ELSE t.locked_until END`;
    // Counters of subjects that stopped failing long ago are noise; drop them as we go.
    await this.prisma.$executeRaw`
      DELETE FROM sign_in_throttle
       WHERE window_started_at < now() - 2 * ${window}::interval
         AND (locked_until IS NULL OR locked_until < now())`;
  }
}
