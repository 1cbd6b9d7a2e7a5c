import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SignInThrottle } from './sign-in-throttle';

/**
 * Failed authentication (a wrong API key or a dead session cookie) is throttled per client
 * address, in the sign-in throttle's shared counters but on a budget of its own (sign-ins by
 * password have theirs). Only addresses that failed lately on this instance pay for a look at
 * the lock; an address that fails on another instance is caught here at its first failure.
 */
@Injectable()
export class FailedAuthentication {
  /** Address → when its last failure here stops mattering. */
  private readonly suspects = new Map<string, number>();

  constructor(
    private readonly throttle: SignInThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws 429 when the address is locked (looked at only if it failed lately). */
  async refuseIfLocked(address: string): Promise<void> {
    const until = this.suspects.get(address);
    if (until === undefined) return;
    if (until < Date.now()) {
      this.suspects.delete(address);
      return;
    }
    await this.throttle.checkCredentials(address);
  }

  async record(address: string): Promise<void> {
    this.suspects.set(address, Date.now() + this.config.auth.signInThrottle.lockoutMs);
    // The map only remembers recent failures; drop the stale ones now and then.
    if (this.suspects.size > 10_000) {
      const now = Date.now();
      for (const [key, until] of this.suspects) if (until < now) this.suspects.delete(key);
    }
    await this.throttle.recordCredentialFailure(address);
  }
}
