import { appendAccountEvent } from '../audit/account-event';
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
import type { ChangePasswordDto, MeDto } from './dto/me.dto';

/** The caller's own account: who they are, and their password. */
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

  /** The Me of a user just signed in. */
  async ofUser(userId: string): Promise<MeDto> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError('User', userId);
    return this.describe(principalOfUser(user));
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
    if (principal.kind !== 'user' || !principal.email) {
      throw new ForbiddenError('Only people have passwords; an API key cannot change one');
    }
    const user = await this.prisma.user.findUniqueOrThrow({
      where: { id: principal.id },
      include: { customer: { select: { name: true } } },
    });
    if (user.passwordHash === null) {
      // Nothing to guess here, so no try is counted.
      throw new BusinessRuleError(
        'You sign in by single sign-on and have no password here; an administrator can send you a link to set one',
        [{ field: 'currentPassword', message: 'there is no password on this account' }],
      );
    }
    const subjects = { account: principal.email, address: request.ip ?? 'unknown' };
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
    await this.sessions.signIn(user.id, request, response, { recordSignIn: false });
  }
}
