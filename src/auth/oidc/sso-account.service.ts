import { appendAccountEvent } from '../../audit/account-event';
import { systemActor } from '../../audit/audit-event';
import { Inject, Injectable } from '@nestjs/common';
import { SignInRefusedError } from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PrismaService, type PrismaTx } from '../../prisma/prisma.service';
import { normaliseEmail } from '../domain/secret-token';
import { isAutoProvisionDomain } from './email-domain';
import type { ProviderIdentity } from './oidc-client.service';

/** The account a single sign-on signs in, and what the sign-in did to it. */
export interface SsoAccount {
  userId: string;
  email: string;
  /** Created by this sign-in (auto-provisioning by domain). */
  provisioned: boolean;
  /** Was INVITED; this sign-in made it ACTIVE and used up its invitation links. */
  activated: boolean;
}

/**
 * Who a person vouched for by the identity provider is here. An account bound to the provider's
 * identity (issuer and `sub`, bound at its first single sign-on) is theirs, whatever email the
 * provider now says. Otherwise only a verified email counts: the user with that email (any case)
 * when there is one, it is not DISABLED and it is not bound to another identity — the sign-in
 * binds it — else a new STAFF user when the email's domain is one of OIDC_AUTO_PROVISION_DOMAINS,
 * else nobody. Binding is what stops a second account at the provider that claims the same email
 * (renamed, recycled or misconfigured) from signing in as the first. A binding to another issuer
 * (the service was moved to a new identity provider) is replaced at the next sign-in.
 */
@Injectable()
export class SsoAccountService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async accountForSignIn(identity: ProviderIdentity): Promise<SsoAccount> {
    const sso = { ssoIssuer: identity.issuer, ssoSubject: identity.subject };
    return this.prisma.$transaction(async (tx) => {
      // Locked, so a concurrent disable or invitation acceptance waits for this sign-in.
      const [bound] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM app_user
         WHERE sso_issuer = ${identity.issuer} AND sso_subject = ${identity.subject} FOR UPDATE`;
      let user;
      let email;
      if (bound) {
        user = await tx.user.findUniqueOrThrow({ where: { id: bound.id } });
        email = user.email;
      } else {
        if (identity.email === undefined || !identity.emailVerified) {
          throw new SignInRefusedError(
            'Your identity provider has not confirmed your email address (email_verified, or ' +
              'xms_edov for Microsoft Entra ID), so it cannot be matched to an account here',
            'sso_unverified_email',
          );
        }
        email = normaliseEmail(identity.email);
        await tx.$queryRaw`SELECT id FROM app_user WHERE email = ${email} FOR UPDATE`;
        user = await tx.user.findUnique({ where: { email } });
      }
      if (user?.status === 'DISABLED') {
        throw new SignInRefusedError('Your account here is disabled', 'sso_disabled_user');
      }
      // Bound at this provider to someone else. (A binding made at a provider no longer
      // configured — after a move to another identity provider — is replaced below.)
      if (user && !bound && user.ssoIssuer === identity.issuer) {
        throw identityMismatch();
      }
      const binding = bound ? {} : sso;
      if (user?.status === 'ACTIVE') {
        if (!bound) {
          await tx.user.update({ where: { id: user.id }, data: binding });
          await this.recordBinding(tx, user.id, identity);
        }
        return { userId: user.id, email, provisioned: false, activated: false };
      }
      if (user?.status === 'INVITED') {
        // Invited (or enabled again without a password): this sign-in makes the account ACTIVE.
        const now = new Date();
        await tx.user.update({
          where: { id: user.id },
          data: { status: 'ACTIVE', name: user.name ?? identity.name ?? null, ...binding },
        });
        await appendAccountEvent(tx, {
          actor: systemActor('sso'),
          action: 'user.invitation_accepted',
          userId: user.id,
          changes: { method: 'sso' },
        });
        if (!bound) await this.recordBinding(tx, user.id, identity);
        await tx.invitation.updateMany({
          where: { userId: user.id, usedAt: null },
          data: { usedAt: now },
        });
        return { userId: user.id, email, provisioned: false, activated: true };
      }
      if (!isAutoProvisionDomain(email, this.config.oidc?.autoProvisionDomains ?? [])) {
        throw new SignInRefusedError(
          'There is no account here for your email address; ask an administrator for an invitation',
          'sso_unknown_user',
        );
      }
      // INSERT … ON CONFLICT: two first sign-ins of the same person at once make one account.
      const created = await tx.user.upsert({
        where: { email },
        create: {
          email,
          name: identity.name ?? null,
          role: 'STAFF',
          status: 'ACTIVE',
          ...sso,
        },
        update: {},
      });
      if (created.ssoSubject !== identity.subject || created.ssoIssuer !== identity.issuer) {
        // The other sign-in of the pair made it, for another identity with the same email.
        throw identityMismatch();
      }
      await appendAccountEvent(tx, {
        actor: systemActor('sso'),
        action: 'user.created',
        userId: created.id,
        changes: { email, role: 'STAFF', source: 'OIDC_AUTO_PROVISION_DOMAINS' },
      });
      await this.recordBinding(tx, created.id, identity);
      return { userId: created.id, email, provisioned: true, activated: false };
    });
  }

  /** The account history says which provider identity the account was bound to, and when. */
  private recordBinding(tx: PrismaTx, userId: string, identity: ProviderIdentity) {
    return appendAccountEvent(tx, {
      actor: systemActor('sso'),
      action: 'user.sso_linked',
      userId,
      changes: { ssoIssuer: identity.issuer, ssoSubject: identity.subject },
    });
  }
}

/** The account is bound to another identity at this provider than the one signing in. */
function identityMismatch(): SignInRefusedError {
  return new SignInRefusedError(
    'Your account here is linked to a different single sign-on identity; ask an administrator',
    'sso_identity_mismatch',
  );
}
