import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (tens of milliseconds per hash).
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes and checks passwords with argon2id. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummy: Promise<string> | undefined;

  /** Made at start-up, so the first unknown-email sign-in is not the slow one. */
  async onModuleInit(): Promise<void> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    await this.dummy;
  }

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /**
   * True when the password matches. With no hash (unknown email, no password yet) it still
   * verifies against a dummy hash of the same cost, so the answer takes as long either way.
   */
  async verify(passwordHash: string | null | undefined, password: string): Promise<boolean> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    const target = passwordHash ?? (await this.dummy);
    try {
      const matches = await verify(target, password);
      return matches && passwordHash != null;
    } catch {
      return false;
    }
  }
}
