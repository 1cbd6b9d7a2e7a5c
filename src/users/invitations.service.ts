import { appendAccountEvent } from '../audit/account-event';
import type { Actor } from '../audit/audit-event';
import { actorOf, requestIdOf } from '../auth/actor.decorator';
import { principalOfUser } from '../auth/principal';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { passwordProblem } from '../auth/domain/password-policy';
import {
  hashSecretToken,
  isSecretTokenShaped,
  newSecretToken,
  normaliseEmail,
} from '../auth/domain/secret-token';
import { PasswordHasher } from '../auth/password-hasher';
import { SessionService } from '../auth/session.service';
import { SignInThrottle } from '../auth/sign-in-throttle';
import {
  BusinessRuleError,
  ConflictError,
  FieldProblem,
  UnusableLinkError,
} from '../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService, PrismaTx } from '../prisma/prisma.service';
import type { AcceptInvitationDto, InvitationDto } from './dto/invitation.dto';
import type { MeDto } from './dto/me.dto';
import type { InvitationLinkDto } from './dto/user.dto';
import { MeService } from './me.service';

export const INVITATION_VALIDITY_MS = 7 * 24 * 3_600_000;

// The same words for invitations and password resets: an unusable token says nothing of what it was.
const unusable = () => new UnusableLinkError('This link is unknown, already used or expired');

/**
 * One-time links where a person sets their name and password: invitations to a user account,
 * and the first-ADMIN setup link (no account yet). Only the SHA-256 of each link's 256-bit token
 * is stored; a new link for the same person makes the older ones stop working.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly me: MeService,
    private readonly throttle: SignInThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new link for a user (null: the first-ADMIN setup link); older unused ones stop working. */
  async issue(tx: PrismaTx, userId: string | null): Promise<InvitationLinkDto> {
    const now = new Date();
    await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
    await tx.invitation.create({
      data: { tokenHash: hashSecretToken(token), userId, createdAt: now, expiresAt },
    });
    return {
      url: `${this.config.auth.publicUrl}/invitations/${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async describe(token: string): Promise<InvitationDto> {
    const invitation = await this.findUsable(token);
    const user = invitation.user;
    return {
      purpose: isPasswordReset(invitation) ? 'passwordReset' : 'invitation',
      email: user?.email ?? null,
      name: user?.name ?? null,
      role: user?.role ?? 'ADMIN',
      customerId: user?.customerId ?? null,
      customerName: user?.customer?.name ?? null,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /**
   * Sets the person's name and password, activates the account and signs them in. For an
   * account that was already active (a new link sent as a reset), its other sessions end.
   */
  async accept(
    token: string,
    input: AcceptInvitationDto,
    request: Request,
    response: Response,
  ): Promise<MeDto> {
    const invitation = await this.findUsable(token);
    const email = this.emailFor(invitation.user?.email ?? null, input.email);
    const reset = isPasswordReset(invitation);
    if (input.name === undefined && !reset) {
      throw new BusinessRuleError('Check the name', [{ field: 'name', message: 'is required' }]);
    }
    const problem = passwordProblem(input.password, {
      email,
      names: [input.name ?? invitation.user?.name, invitation.user?.customer?.name],
    });
    if (problem) {
      throw new BusinessRuleError(`The password ${problem}`, [
        { field: 'password', message: problem },
      ]);
    }
    const passwordHash = await this.hasher.hash(input.password);
    const userId = await this.prisma.$transaction(async (tx) => {
      const now = new Date();
      // Single use, even when two browsers accept the same link at the same moment.
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) throw unusable();
      // A lock on the email was against guesses at the old password; with a new one, set through
      // a link someone was handed, it would only keep the owner out. In this transaction: the new
      // password and the cleared lock come together, whichever instance they sign in on next.
      await this.throttle.forgetAccount(email, tx);
      // A reset keeps the name unless a new one is given.
      const data = { name: input.name, passwordHash, status: 'ACTIVE' as const };
      if (invitation.userId === null) {
        // The same lock as start-up's bootstrap: the first ADMIN is made once, by one path.
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('user_bootstrap'))::text`;
        if (await hasActiveAdmin(tx)) throw unusable();
        if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
          throw new ConflictError('A user with this email already exists', {
            errors: [{ field: 'email', message: 'already has an account' }],
          });
        }
        const created = await tx.user.create({ data: { ...data, email, role: 'ADMIN' } });
        await appendAccountEvent(tx, {
          actor: selfActor(created, request),
          action: 'user.invitation_accepted',
          userId: created.id,
          changes: { role: 'ADMIN', setup: true },
        });
        return created.id;
      }
      const activated = await tx.user.updateMany({
        where: { id: invitation.userId, status: { not: 'DISABLED' } },
        data,
      });
      if (activated.count !== 1) throw unusable();
      const person = await tx.user.findUniqueOrThrow({ where: { id: invitation.userId } });
      await appendAccountEvent(tx, {
        actor: selfActor(person, request),
        action: 'user.invitation_accepted',
        userId: person.id,
        changes: {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(reset ? { passwordReset: true } : {}),
        },
      });
      await this.sessions.endAll(invitation.userId, tx);
      await tx.invitation.updateMany({
        where: { userId: invitation.userId, usedAt: null },
        data: { usedAt: now },
      });
      return invitation.userId;
    });
    await this.sessions.signIn(userId, request, response, { method: 'invitation' });
    return this.me.ofUser(userId);
  }

  /** The setup link asks for the email; an invitation already names it. */
  private emailFor(invited: string | null, given: string | undefined): string {
    const problems: FieldProblem[] = [];
    const email = given === undefined ? undefined : normaliseEmail(given);
    if (invited === null && email === undefined) {
      problems.push({ field: 'email', message: 'is required to set up the first ADMIN account' });
    }
    if (invited !== null && email !== undefined && email !== invited) {
      problems.push({ field: 'email', message: 'must be the invited email (or be left out)' });
    }
    if (problems.length > 0) throw new BusinessRuleError('Check the email', problems);
    return invited ?? email!;
  }

  private async findUsable(token: string) {
    if (!isSecretTokenShaped(token)) throw unusable();
    const invitation = await this.prisma.invitation.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      include: { user: { include: { customer: { select: { name: true } } } } },
    });
    if (
      !invitation ||
      invitation.usedAt !== null ||
      invitation.expiresAt.getTime() <= Date.now() ||
      invitation.user?.status === 'DISABLED' ||
      // A setup link is for a first ADMIN only: once one can sign in, it is a spare key.
      (invitation.userId === null && (await hasActiveAdmin(this.prisma)))
    ) {
      throw unusable();
    }
    return invitation;
  }
}

/** A link for a person who already signs in sets a new password: it is a reset, not a welcome. */
function isPasswordReset(invitation: { user: { status: string } | null }): boolean {
  return invitation.user?.status === 'ACTIVE';
}

/** Whether an ADMIN who can sign in exists (then no setup link works). */
export async function hasActiveAdmin(db: Pick<PrismaService, 'user'>): Promise<boolean> {
  const admin = await db.user.findFirst({
    where: { role: 'ADMIN', status: 'ACTIVE' },
    select: { id: true },
  });
  return admin !== null;
}

/** The person acting on their own account (accepting a link). */
function selfActor(user: Parameters<typeof principalOfUser>[0], request: Request): Actor {
  return actorOf(principalOfUser(user), requestIdOf(request));
}

/** With an ADMIN who can sign in, a setup link is a spare key to the house: none stays usable. */
export async function retireSetupLinks(tx: Pick<PrismaTx, 'invitation'>): Promise<void> {
  await tx.invitation.updateMany({
    where: { userId: null, usedAt: null },
    data: { usedAt: new Date() },
  });
}
