import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BusinessRuleError, NotFoundError } from '../common/errors/domain-errors';
import { PrismaService } from '../prisma/prisma.service';
import { generateApiKeySecret, hashApiKeySecret, visiblePrefix } from './api-key-secret';
import { AuthCache } from './auth-cache';
import { AuthChangeListener } from './auth-change-listener';
import type { Principal, Role } from './principal';

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  customerId: string | null;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  role: Role;
  customerId?: string | null;
}

const VIEW = {
  id: true,
  name: true,
  role: true,
  customerId: true,
  prefix: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

// Recording "last used" on every request would turn each read into a write; once a minute is enough.
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: AuthCache,
    private readonly changes: AuthChangeListener,
  ) {}

  /**
   * The principal of a valid, unrevoked key; undefined otherwise. From the cache when it can be:
   * a cached key is re-read (and its last use recorded) once its entry is a minute old.
   */
  async authenticate(secret: string): Promise<Principal | undefined> {
    const hash = hashApiKeySecret(secret);
    const cached = this.cache.key(hash);
    if (cached) return cached;
    const ticket = this.cache.fillTicket();
    const key = await this.prisma.apiKey.findUnique({ where: { hash } });
    if (!key || key.revokedAt) return undefined;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
    }
    const principal: Principal = {
      kind: 'key',
      id: key.id,
      name: key.name,
      email: null,
      role: key.role,
      customerId: key.customerId,
    };
    this.cache.storeKey(hash, principal, ticket, LAST_USED_RESOLUTION_MS);
    return principal;
  }

  /** Creates a key; the secret is in the result and nowhere else, ever. */
  async create(input: NewApiKey): Promise<ApiKeyView & { key: string }> {
    if (input.role === 'CUSTOMER' && !input.customerId) {
      throw new BusinessRuleError('A CUSTOMER key must name its customer', [
        { field: 'customerId', message: 'is required for the CUSTOMER role' },
      ]);
    }
    if (input.role !== 'CUSTOMER' && input.customerId) {
      throw new BusinessRuleError(`A ${input.role} key cannot be bound to a customer`, [
        { field: 'customerId', message: `must be absent for the ${input.role} role` },
      ]);
    }
    if (input.customerId) {
      const customer = await this.prisma.customer.findUnique({ where: { id: input.customerId } });
      if (!customer) {
        throw new BusinessRuleError('The customer does not exist', [
          { field: 'customerId', message: 'refers to no customer' },
        ]);
      }
    }
    return this.insert(input, generateApiKeySecret());
  }

  private async insert(input: NewApiKey, secret: string): Promise<ApiKeyView & { key: string }> {
    const created = await this.prisma.apiKey.create({
      data: this.keyRow(input, secret),
      select: VIEW,
    });
    return { ...created, key: secret };
  }

  private keyRow(input: NewApiKey, secret: string) {
    return {
      name: input.name,
      role: input.role,
      customerId: input.customerId ?? null,
      prefix: visiblePrefix(secret),
      hash: hashApiKeySecret(secret),
    };
  }

  list(): Promise<ApiKeyView[]> {
    return this.prisma.apiKey.findMany({
      select: VIEW,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  async get(id: string): Promise<ApiKeyView> {
    const key = await this.prisma.apiKey.findUnique({ where: { id }, select: VIEW });
    if (!key) throw new NotFoundError('API key', id);
    return key;
  }

  /** Revokes a key; it fails on its next request, on every instance. Revoking twice is harmless. */
  async revoke(id: string): Promise<ApiKeyView> {
    const key = await this.get(id);
    if (key.revokedAt) return key;
    const revoked = await this.prisma.apiKey.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: VIEW,
    });
    await this.changes.settle();
    return revoked;
  }

  /**
   * BOOTSTRAP_ADMIN_KEY set: make sure an ADMIN key with exactly that secret exists.
   * Not set and no key at all: create one ADMIN key and print it once, so a fresh install is usable.
   */
  async onApplicationBootstrap(): Promise<void> {
    const wanted = this.config.bootstrapAdminKey;
    // An advisory lock keeps several instances starting together from racing each other.
    await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('api_key_bootstrap'))::text`;
      if (wanted) {
        const existing = await tx.apiKey.findUnique({ where: { hash: hashApiKeySecret(wanted) } });
        if (!existing) {
          await tx.apiKey.create({
            data: this.keyRow({ name: 'bootstrap-admin', role: 'ADMIN' }, wanted),
          });
          this.logger.log('Created the ADMIN key given by BOOTSTRAP_ADMIN_KEY');
        } else if (existing.revokedAt || existing.role !== 'ADMIN') {
          this.logger.warn(
            'BOOTSTRAP_ADMIN_KEY names a key that is revoked or not ADMIN; left as is',
          );
        }
        return;
      }
      if ((await tx.apiKey.count()) > 0) return;
      const first = generateApiKeySecret();
      await tx.apiKey.create({
        data: this.keyRow({ name: 'initial-admin', role: 'ADMIN' }, first),
      });
      // Printed straight to the console, not the log stream, so it is shown once and not shipped.
      process.stdout.write(
        `\n  No API key existed, so an ADMIN key was created. It is shown only this once:\n\n    ${first}\n\n` +
          `  Use it as "Authorization: Bearer <key>". Set BOOTSTRAP_ADMIN_KEY to choose your own.\n\n`,
      );
    });
  }
}
