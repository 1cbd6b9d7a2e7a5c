import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors/domain-errors';
import { PrismaService, type PrismaTx } from '../prisma/prisma.service';
import { waitTime } from './domain/wait-time';

/** What failed sign-ins are counted against: the account asked for, and the client address. */
export interface ThrottleSubjects {
  /** Normalised email, whether or not such an account exists (so a lock reveals nothing). */
  account: string;
  address: string;
}

const accountKey = (account: string) => `account:${account}`;
const addressKey = (address: string) => `address:${address}`;
/** Bad API keys and dead session cookies: their own budget, so they never lock out sign-ins. */
const credentialKey = (address: string) => `credential:${address}`;

/**
 * Counts failed sign-ins per account and per client address in PostgreSQL, so every instance
 * sees the same counts. Reaching a maximum within the window locks that subject for the window.
 * A sign-in is counted BEFORE its password is checked (and forgiven when it is right): counting
 * only failures let a burst of parallel guesses all be checked before the first one was counted.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Takes one attempt from both subjects' budgets, or throws 429 (with the seconds to wait) when
   * either is locked or has none left. Follow with `forgive` when the password was right.
   */
  async attempt(subjects: ThrottleSubjects): Promise<void> {
    await this.check(subjects);
    const { maxFailuresPerAccount, maxFailuresPerAddress } = this.config.auth.signInThrottle;
    const account = await this.count(accountKey(subjects.account), maxFailuresPerAccount);
    const address = await this.count(addressKey(subjects.address), maxFailuresPerAddress);
    await this.sweep();
    const over = [
      ...(account.failures > maxFailuresPerAccount ? [account] : []),
      ...(address.failures > maxFailuresPerAddress ? [address] : []),
    ];
    if (over.length > 0) throw tooManySignIns(Math.max(1, ...over.map((c) => c.seconds ?? 1)));
  }

  /** The attempt succeeded: the account's failures are forgotten, the address's attempt given back. */
  async forgive(subjects: ThrottleSubjects): Promise<void> {
    const max = this.config.auth.signInThrottle.maxFailuresPerAddress;
    await this.prisma.$transaction([
      this.prisma.signInThrottle.deleteMany({ where: { key: accountKey(subjects.account) } }),
      this.prisma.$executeRaw`
        UPDATE sign_in_throttle
           SET failures = greatest(failures - 1, 0),
               locked_until = CASE WHEN failures - 1 < ${max} THEN NULL ELSE locked_until END
         WHERE key = ${addressKey(subjects.address)}`,
    ]);
  }

  /**
   * The account's failures and lock are dropped: its owner set a new password through a link
   * (in `db`'s transaction, so the new password and the cleared lock come together).
   */
  async forgetAccount(account: string, db: Pick<PrismaTx, 'signInThrottle'> = this.prisma) {
    await db.signInThrottle.deleteMany({ where: { key: accountKey(account) } });
  }

  /** Throws 429 (with the seconds to wait) while either subject is locked. */
  private async check(subjects: ThrottleSubjects): Promise<void> {
    const rows = await this.prisma.$queryRaw<{ seconds: number | null }[]>`
      SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
        FROM sign_in_throttle
       WHERE key IN (${accountKey(subjects.account)}, ${addressKey(subjects.address)})
         AND locked_until > now()`;
    const seconds = rows[0]?.seconds;
    if (seconds != null && seconds > 0) throw tooManySignIns(seconds);
  }

  /**
   * Throws 429 while the client address is locked for failed API keys and session cookies (its own
   * budget: a revoked key in someone's cron job must not lock the office out of signing in).
   */
  async checkCredentials(address: string): Promise<void> {
    const rows = await this.prisma.$queryRaw<{ seconds: number | null }[]>`
      SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
        FROM sign_in_throttle
       WHERE key = ${credentialKey(address)} AND locked_until > now()`;
    const seconds = rows[0]?.seconds;
    if (seconds != null && seconds > 0) {
      throw new TooManyRequestsError(
        `Too many failed authentication attempts from this address; try again in ${waitTime(seconds)}`,
        seconds,
      );
    }
  }

  /** Counts one failed authentication (a bad API key or session cookie) against the address. */
  async recordCredentialFailure(address: string): Promise<void> {
    await this.count(credentialKey(address), this.config.auth.signInThrottle.maxFailuresPerAddress);
    await this.sweep();
  }

  /** Counts one more against `key` (atomically, however many instances race) and says where it stands. */
  private async count(
    key: string,
    max: number,
  ): Promise<{ failures: number; seconds: number | null }> {
    const windowMs = this.config.auth.signInThrottle.lockoutMs;
    const window = `${windowMs} milliseconds`;
    const [counted] = await this.prisma.$queryRaw<{ failures: number; seconds: number | null }[]>`
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
          ELSE t.locked_until END
      RETURNING t.failures,
                ceil(extract(epoch FROM t.locked_until - now()))::int AS seconds`;
    return counted;
  }

  /** Counters of subjects that stopped failing long ago are noise: dropped as we go, once a call. */
  private async sweep(): Promise<void> {
    const window = `${this.config.auth.signInThrottle.lockoutMs} milliseconds`;
    await this.prisma.$executeRaw`
      DELETE FROM sign_in_throttle
       WHERE window_started_at < now() - 2 * ${window}::interval
         AND (locked_until IS NULL OR locked_until < now())`;
  }
}

function tooManySignIns(seconds: number): TooManyRequestsError {
  return new TooManyRequestsError(
    `Too many failed sign-ins; try again in ${waitTime(seconds)}`,
    seconds,
  );
}
