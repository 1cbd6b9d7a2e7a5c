import { Injectable, Logger } from '@nestjs/common';
import { manageableRoles, mayManageRole } from '../auth/access-policy';
import { normaliseEmail } from '../auth/domain/secret-token';
import type { Principal, Role } from '../auth/principal';
import { SessionService } from '../auth/session.service';
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../common/errors/domain-errors';
import { isInstant, isUuid, readCursor, toPage } from '../common/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../common/paging/page-query.dto';
import type { User } from '../generated/prisma/client';
import { PrismaService, PrismaTx } from '../prisma/prisma.service';
import { appendAccountEvent, type AccountAction } from '../audit/account-event';
import { diffFields, type Actor, type AuditChanges } from '../audit/audit-event';
import { actorOfRow, eventCursor, eventIdAfter } from '../audit/event-rows';
import type { AuditPageQueryDto } from '../audit/dto/audit-event.dto';
import type {
  AccountEventDto,
  AccountEventPageDto,
  CreatedUserDto,
  CreateUserDto,
  EndedSessionsDto,
  InvitationLinkDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './dto/user.dto';
import { InvitationsService } from './invitations.service';
import type { UserStatus } from './user-status';

function toDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    customerId: user.customerId,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    hasPassword: user.passwordHash !== null,
    ssoIdentity:
      user.ssoIssuer !== null && user.ssoSubject !== null
        ? { issuer: user.ssoIssuer, subject: user.ssoSubject }
        : null,
  };
}

/**
 * Managing people: ADMIN manages everyone, STAFF only CUSTOMER users (and sees no others).
 * Invitations are links returned to the inviter; nothing is e-mailed from here.
 */
@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly prisma: PrismaService,
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionService,
  ) {}

  async list(query: ListUsersQueryDto, principal: Principal): Promise<UserPageDto> {
    const visible = manageableRoles(principal);
    const roles = query.role === undefined ? visible : visible.filter((r) => r === query.role);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (roles.length === 0) return { items: [], nextCursor: null };
    const position = query.cursor
      ? readCursor(query.cursor, { at: isInstant, id: isUuid })
      : undefined;
    const after = position && { createdAt: new Date(position.at), id: position.id };
    const rows = await this.prisma.user.findMany({
      where: {
        role: { in: roles },
        status: query.status,
        customerId: query.customerId,
        OR: after && [
          { createdAt: { gt: after.createdAt } },
          { createdAt: after.createdAt, id: { gt: after.id } },
        ],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit + 1,
    });
    return toPage(rows, limit, toDto, (row) => ({
      at: row.createdAt.toISOString(),
      id: row.id,
    }));
  }

  async get(id: string, principal: Principal): Promise<UserDto> {
    return toDto(await this.findVisible(this.prisma, id, principal));
  }

  /** An INVITED user and their one-time link (valid 7 days). */
  async create(input: CreateUserDto, principal: Principal, actor: Actor): Promise<CreatedUserDto> {
    this.assertMayManage(principal, input.role);
    const customerId = input.customerId ?? null;
    await this.assertCustomerFitsRole(input.role, customerId);
    const email = normaliseEmail(input.email);
    return this.prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
        throw new ConflictError('A user with this email already exists', {
          errors: [{ field: 'email', message: 'already has an account' }],
        });
      }
      const user = await tx.user.create({
        data: { email, name: input.name ?? null, role: input.role, customerId },
      });
      const invitation = await this.invitations.issue(tx, user.id);
      await appendAccountEvent(tx, {
        actor,
        action: 'user.invited',
        userId: user.id,
        changes: { email: user.email, name: user.name, role: user.role, customerId },
      });
      this.logger.log(`${principal.kind} ${principal.id} invited user ${user.id} as ${user.role}`);
      return { user: toDto(user), invitation };
    });
  }

  /**
   * Changes name, role, customer or status. Disabling ends the person's sessions and links at
   * once; enabling restores ACTIVE (or INVITED, for someone who never set a password).
   */
  async update(
    id: string,
    input: UpdateUserDto,
    principal: Principal,
    actor: Actor,
  ): Promise<UserDto> {
    const result = await this.prisma.$transaction(async (tx) => {
      const user = await this.findVisible(tx, id, principal, true);
      const role = input.role ?? user.role;
      this.assertMayManage(principal, role);
      if (
        principal.kind === 'user' &&
        principal.id === id &&
        (role !== user.role || (input.status !== undefined && input.status !== user.status))
      ) {
        throw new BusinessRuleError('You cannot change your own role or status', [
          { field: input.status !== undefined ? 'status' : 'role', message: 'is your own' },
        ]);
      }
      const customerId =
        input.customerId !== undefined
          ? input.customerId
          : role === 'CUSTOMER'
            ? user.customerId
            : null;
      await this.assertCustomerFitsRole(role, customerId, tx);
      const status = this.nextStatus(user, input.status);
      if (user.role === 'ADMIN' && user.status === 'ACTIVE') {
        if (role !== 'ADMIN') await this.assertAnotherActiveAdmin(tx, id, 'role');
        else if (status !== 'ACTIVE') await this.assertAnotherActiveAdmin(tx, id, 'status');
      }
      const updated = await tx.user.update({
        where: { id },
        data: { name: input.name, role, customerId, status },
      });
      const changes = diffFields(user, updated, ['name', 'role', 'customerId', 'status']);
      if (Object.keys(changes).length > 0) {
        await appendAccountEvent(tx, {
          actor,
          action: accountAction(changes),
          userId: id,
          changes,
        });
      }
      if (status === 'DISABLED' && user.status !== 'DISABLED') {
        await this.sessions.endAll(id, tx);
        await tx.invitation.updateMany({
          where: { userId: id, usedAt: null },
          data: { usedAt: new Date() },
        });
        this.logger.log(`${principal.kind} ${principal.id} disabled user ${id}`);
      }
      return toDto(updated);
    });
    // A new role or a disabled account holds from the next request, on every instance.
    await this.sessions.settle();
    return result;
  }

  /**
   * Unbinds the account from its single sign-on identity (the person moved to another account at
   * the provider, say): their next single sign-on with a verified email binds it again. Nothing
   * to unbind is not an error.
   */
  async unlinkSso(id: string, principal: Principal, actor: Actor): Promise<UserDto> {
    return this.prisma.$transaction(async (tx) => {
      const user = await this.findVisible(tx, id, principal, true);
      if (user.ssoSubject === null) return toDto(user);
      const unbound = { ssoIssuer: null, ssoSubject: null };
      const updated = await tx.user.update({ where: { id }, data: unbound });
      await appendAccountEvent(tx, {
        actor,
        action: 'user.sso_unlinked',
        userId: id,
        changes: diffFields(user, unbound, ['ssoIssuer', 'ssoSubject']),
      });
      return toDto(updated);
    });
  }

  /**
   * Signs the person out everywhere: every session ends, on every instance, before this answers.
   * They can sign in again (disabling is what keeps them out).
   */
  async endSessions(id: string, principal: Principal, actor: Actor): Promise<EndedSessionsDto> {
    const ended = await this.prisma.$transaction(async (tx) => {
      await this.findVisible(tx, id, principal, true);
      const count = await this.sessions.endAll(id, tx);
      await appendAccountEvent(tx, {
        actor,
        action: 'user.sessions_ended',
        userId: id,
        changes: { sessions: count },
      });
      return count;
    });
    await this.sessions.settle();
    return { ended };
  }

  /** A new one-time link for the person; older links stop working. */
  async reinvite(id: string, principal: Principal, actor: Actor): Promise<InvitationLinkDto> {
    return this.prisma.$transaction(async (tx) => {
      const user = await this.findVisible(tx, id, principal, true);
      if (user.status === 'DISABLED') {
        throw new ConflictError('The user is disabled; enable them before sending a new link', {
          userStatus: user.status,
        });
      }
      const link = await this.invitations.issue(tx, id);
      await appendAccountEvent(tx, {
        actor,
        action: 'user.invitation_renewed',
        userId: id,
        changes: { expiresAt: link.expiresAt },
      });
      return link;
    });
  }

  /** What happened to the account and who did it, oldest (or newest) first, in pages. */
  async history(
    id: string,
    query: AuditPageQueryDto,
    principal: Principal,
  ): Promise<AccountEventPageDto> {
    await this.findVisible(this.prisma, id, principal);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const order = query.order ?? 'oldest';
    const after = eventIdAfter(query.cursor, order);
    const newest = order === 'newest';
    const rows = await this.prisma.accountEvent.findMany({
      where: {
        userId: id,
        ...(after !== undefined ? { id: newest ? { lt: after } : { gt: after } } : {}),
      },
      orderBy: { id: newest ? 'desc' : 'asc' },
      take: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (row): AccountEventDto => ({
        id: row.id.toString(),
        at: row.at.toISOString(),
        actor: actorOfRow(row),
        action: row.action as AccountAction,
        userId: row.userId,
        changes: row.changes as Record<string, unknown>,
        requestId: row.requestId,
      }),
      eventCursor(order),
    );
  }

  private nextStatus(user: User, wanted: UpdateUserDto['status']): UserStatus {
    if (wanted === undefined || wanted === user.status) return user.status;
    if (wanted === 'DISABLED') return 'DISABLED';
    if (user.status === 'INVITED') {
      throw new ConflictError('The user has not accepted the invitation yet', {
        userStatus: user.status,
      });
    }
    return user.passwordHash ? 'ACTIVE' : 'INVITED';
  }

  /** The user, when the principal may manage them; 404 otherwise (as if there were none). */
  private async findVisible(db: PrismaTx, id: string, principal: Principal, lock = false) {
    if (lock) await db.$queryRaw`SELECT id FROM app_user WHERE id = ${id}::uuid FOR UPDATE`;
    const user = await db.user.findUnique({ where: { id } });
    if (!user || !mayManageRole(principal, user.role)) throw new NotFoundError('User', id);
    return user;
  }

  /**
   * Refuses (409) to take away the last ADMIN who can sign in: nobody could then manage people
   * in the app. Such changes take turns under a lock and count the others after it, so two
   * admins demoted at the same moment cannot both go: the second one counts after the first
   * committed (each statement reads what is committed when it starts).
   */
  private async assertAnotherActiveAdmin(
    tx: PrismaTx,
    id: string,
    field: 'role' | 'status',
  ): Promise<void> {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('active_admins'))::text`;
    const others = await tx.user.count({
      where: { role: 'ADMIN', status: 'ACTIVE', id: { not: id } },
    });
    if (others > 0) return;
    const change = field === 'role' ? 'Another role for' : 'Disabling';
    throw new ConflictError(
      `${change} the last active ADMIN person would leave nobody to manage people, keys and templates: make someone else an ADMIN first`,
      { errors: [{ field, message: 'would leave no active ADMIN person' }] },
    );
  }

  private assertMayManage(principal: Principal, role: Role): void {
    if (!mayManageRole(principal, role)) {
      throw new ForbiddenError(`The ${principal.role} role may not manage ${role} users`, {
        manageableRoles: manageableRoles(principal),
      });
    }
  }

  private async assertCustomerFitsRole(
    role: Role,
    customerId: string | null,
    db: PrismaTx = this.prisma,
  ): Promise<void> {
    if (role === 'CUSTOMER' && !customerId) {
      throw new BusinessRuleError('A CUSTOMER user must name their customer', [
        { field: 'customerId', message: 'is required for the CUSTOMER role' },
      ]);
    }
    if (role !== 'CUSTOMER' && customerId) {
      throw new BusinessRuleError(`A ${role} user cannot belong to a customer`, [
        { field: 'customerId', message: `must be absent for the ${role} role` },
      ]);
    }
    if (customerId && !(await db.customer.findUnique({ where: { id: customerId } }))) {
      throw new BusinessRuleError('The customer does not exist', [
        { field: 'customerId', message: 'refers to no customer' },
      ]);
    }
  }
}

/** Disabling and enabling are named as such; any other change is an update. */
function accountAction(changes: AuditChanges): AccountAction {
  const status = changes.status?.to;
  if (status === 'DISABLED') return 'user.disabled';
  if (status !== undefined && changes.status?.from === 'DISABLED') return 'user.enabled';
  return 'user.updated';
}
