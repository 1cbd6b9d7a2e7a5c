import { appendAccountEvent } from '../audit/account-event';
import { systemActor } from '../audit/audit-event';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService } from '../prisma/prisma.service';
import { hasActiveAdmin, InvitationsService, retireSetupLinks } from './invitations.service';

/**
 * BOOTSTRAP_ADMIN_EMAIL/PASSWORD set: make sure that ADMIN user exists. Not set and nobody has
 * an account yet: print a one-time setup link for a first ADMIN (a new one at every start while
 * nobody has used one; older links stop working), so a fresh install is usable from a browser.
 */
@Injectable()
export class UserBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const wanted = this.config.auth.bootstrapAdmin;
    const passwordHash = wanted ? await this.hasher.hash(wanted.password) : undefined;
    // An advisory lock keeps several instances starting together from racing each other.
    const setupLink = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('user_bootstrap'))::text`;
      if (wanted && passwordHash) {
        const existing = await tx.user.findUnique({ where: { email: wanted.email } });
        if (!existing) {
          const created = await tx.user.create({
            data: { email: wanted.email, role: 'ADMIN', status: 'ACTIVE', passwordHash },
          });
          await appendAccountEvent(tx, {
            actor: systemActor('bootstrap'),
            action: 'user.created',
            userId: created.id,
            changes: { email: created.email, role: 'ADMIN', source: 'BOOTSTRAP_ADMIN_EMAIL' },
          });
          this.logger.log('Created the ADMIN user given by BOOTSTRAP_ADMIN_EMAIL');
        } else if (existing.role !== 'ADMIN' || existing.status === 'DISABLED') {
          this.logger.warn(
            'BOOTSTRAP_ADMIN_EMAIL names a user who is disabled or not ADMIN; left as is',
          );
        } else if (existing.status === 'INVITED') {
          await tx.user.update({
            where: { id: existing.id },
            data: { status: 'ACTIVE', passwordHash },
          });
          await appendAccountEvent(tx, {
            actor: systemActor('bootstrap'),
            action: 'user.updated',
            userId: existing.id,
            changes: { status: { from: 'INVITED', to: 'ACTIVE' } },
          });
          this.logger.log('Activated the invited ADMIN user given by BOOTSTRAP_ADMIN_EMAIL');
        }
        await retireSetupLinks(tx);
        return undefined;
      }
      if ((await tx.user.count()) > 0) {
        if (await hasActiveAdmin(tx)) await retireSetupLinks(tx);
        return undefined;
      }
      return this.invitations.issue(tx, null);
    });
    if (setupLink) {
      // Printed straight to the console, not the log stream, so it is not shipped anywhere.
      process.stdout.write(
        `\n  Nobody can sign in yet. Open this one-time link to set up the first ADMIN account\n` +
          `  (valid until ${setupLink.expiresAt}; a new link is printed at every start until used):\n\n` +
          `    ${setupLink.url}\n\n` +
          `  Or set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD.\n\n`,
      );
    }
  }
}
