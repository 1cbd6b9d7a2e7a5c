import { appendAccountEvent } from '../audit/account-event';
import { diffFields } from '../audit/audit-event';
import { actorOf, requestIdOf } from '../auth/actor.decorator';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { passwordProblem } from '../auth/domain/password-policy';
import { PasswordHasher } from '../auth/password-hasher';
import { principalOfUser, type Principal } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { BusinessRuleError, ForbiddenError, NotFoundError } from '../common/errors/domain-errors';
import { PrismaService } from '../prisma/prisma.service';
import type { User } from '../generated/prisma/client';
import type {
  ChangePasswordDto,
  MeDto,
  OwnAccountDto,
  SignInMethod,
  UpdateMeDto,
} from './dto/me.dto';

/** The caller's own account: who they are, their name and their password. */
@Injectable()
export class MeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: SignInThrottle,
  ) {}

  async describe(principal: Principal): Promise<MeDto> {
    const customer = principal.customerId
      ? await this.prisma.customer.findUnique({
          where: { id: principal.customerId },
          select: { name: true },
        })
      : null;
    return {
      kind: principal.kind,
      id: principal.id,
      name: principal.name,
      email: principal.email,
      role: principal.role,
      customerId: principal.customerId,
      customerName: customer?.name ?? null,
    };
  }

  /** The Me of a person, as their account is now (just signed in, or just renamed). */
  async ofUser(userId: string): Promise<MeDto> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError('User', userId);
    return this.describe(principalOfUser(user));
  }

  /**
   * The caller's account as stored: unlike Me (read from the principal, with no database work of
   * its own), it says whether a name was set and how the person can sign in.
   */
  async account(principal: Principal): Promise<OwnAccountDto> {
    const userId = ownAccount(principal, 'An API key has no account of its own');
    const user = await this.prisma.user.findUniqueOrThrow({
      where: { id: userId },
      include: { customer: { select: { name: true } } },
    });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      customerId: user.customerId,
      customerName: user.customer?.name ?? null,
      signInMethods: signInMethodsOf(user),
    };
  }

  /**
   * Sets the caller's own name, recorded in their account history as any other change to it.
   * The name holds from the next request on every instance: it is part of the cached principal
   * (the actor of the person's next changes, the app's header).
   */
  async rename(principal: Principal, input: UpdateMeDto, request: Request): Promise<MeDto> {
    const userId = ownAccount(principal, 'An API key has no name of its own to change here');
    await this.prisma.$transaction(async (tx) => {
      // Two saves at once (two tabs) each record the name they replaced.
      await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${userId}::uuid FOR UPDATE`;
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      if (user.name === input.name) return;
      await tx.user.update({ where: { id: userId }, data: { name: input.name } });
      await appendAccountEvent(tx, {
        actor: actorOf(principal, requestIdOf(request)),
        action: 'user.updated',
        userId,
        changes: diffFields(user, { name: input.name }, ['name']),
      });
    });
    await this.sessions.settle();
    return this.ofUser(userId);
  }

  /**
   * Changes the caller's password: every other session ends, and this one continues under a new
   * id. Wrong current passwords count as failed sign-ins, so a stolen session cannot be used to
   * guess the password.
   */
  async changePassword(
    principal: Principal,
    input: ChangePasswordDto,
    request: Request,
    response: Response,
  ): Promise<void> {
    const userId = ownAccount(
      principal,
      'Only people have passwords; an API key cannot change one',
    );
    const user = await this.prisma.user.findUniqueOrThrow({
      where: { id: userId },
      include: { customer: { select: { name: true } } },
    });
    if (user.passwordHash === null) {
      // Nothing to guess here, so no try is counted.
      throw new BusinessRuleError(
        'You sign in by single sign-on and have no password here; an administrator can send you a link to set one',
        [{ field: 'currentPassword', message: 'there is no password on this account' }],
      );
    }
    const subjects = { account: user.email, address: request.ip ?? 'unknown' };
    await this.throttle.attempt(subjects);
    if (!(await this.hasher.verify(user.passwordHash, input.currentPassword))) {
      throw new BusinessRuleError('The current password is not correct', [
        { field: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    await this.throttle.forgive(subjects);
    const problem =
      input.newPassword === input.currentPassword
        ? 'must differ from the current password'
        : passwordProblem(input.newPassword, {
            email: user.email,
            names: [user.name, user.customer?.name],
          });
    if (problem) {
      throw new BusinessRuleError(`The new password ${problem}`, [
        { field: 'newPassword', message: problem },
      ]);
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    // The new session is still the single sign-on's, if this one was: signing out of it ends the
    // provider's session too.
    const idToken = principal.sessionId
      ? await this.sessions.idTokenOf(principal.sessionId)
      : undefined;
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      await this.sessions.endAll(user.id, tx);
      await appendAccountEvent(tx, {
        actor: actorOf(principal, requestIdOf(request)),
        action: 'user.password_changed',
        userId: user.id,
        changes: {},
      });
    });
    await this.sessions.signIn(user.id, request, response, { recordSignIn: false, idToken });
  }
}

/** The caller's user id; an API key is refused (403): it has no account of its own. */
function ownAccount(principal: Principal, refusal: string): string {
  if (principal.kind !== 'user') throw new ForbiddenError(refusal);
  return principal.id;
}

/** A person with no password here signs in through the identity provider, bound yet or not. */
function signInMethodsOf(user: Pick<User, 'passwordHash' | 'ssoSubject'>): SignInMethod[] {
  const methods: SignInMethod[] = [];
  if (user.passwordHash !== null) methods.push('password');
  if (user.ssoSubject !== null || user.passwordHash === null) methods.push('sso');
  return methods;
}
