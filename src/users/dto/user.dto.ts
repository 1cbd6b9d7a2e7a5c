import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { ACCOUNT_ACTIONS, type AccountAction } from '../../audit/account-event';
import { AuditActorDto } from '../../audit/dto/audit-event.dto';
import { REQUEST_ID_PATTERN } from '../../common/http/request-id';
import { ROLES, type Role } from '../../auth/principal';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { USER_STATUSES, type UserStatus } from '../user-status';
import { IsOmittable, IsOmittableOrNull } from '../../common/validation/presence';
import { lowerCase, trim } from '../../common/validation/transforms';
import { EMAIL_ADDRESS } from '../../common/validation/email';
import { IsPersonName } from './person-name';

/** The single sign-on identity an account is bound to (at its first single sign-on). */
export class SsoIdentityDto {
  /** The identity provider (its issuer URL). */
  issuer: string;
  /** The provider's stable id of the person (`sub`). */
  subject: string;
}

export class UserDto {
  id: string;
  /** Lower-case; unique. */
  email: string;
  /** Null until the person accepts the invitation (unless the inviter named them). */
  name: string | null;
  @ApiProperty({ enum: ROLES })
  role: Role;
  /** CUSTOMER users only. */
  customerId: string | null;
  @ApiProperty({ enum: USER_STATUSES })
  status: UserStatus;
  /** ISO 8601 instant. */
  createdAt: string;
  /** ISO 8601 instant of the last sign-in; null if never. */
  lastSignInAt: string | null;
  /**
   * Whether the person has a password to sign in with: false until they accept their invitation,
   * and for people who only ever signed in by single sign-on.
   */
  hasPassword: boolean;
  /** Null until the person's first single sign-on, or after an administrator unlinked it. */
  @ApiProperty({ type: SsoIdentityDto, nullable: true })
  ssoIdentity: SsoIdentityDto | null;
}

export class UserPageDto {
  items: UserDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @IsOmittable()
  @ApiProperty({ enum: ROLES, required: false })
  @IsIn(ROLES)
  role?: Role;

  @IsOmittable()
  @ApiProperty({ enum: USER_STATUSES, required: false })
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @IsOmittable()
  @Transform(lowerCase)
  @IsUUID()
  customerId?: string;
}

export class InvitationLinkDto {
  /** The one-time link to send to the person: `${PUBLIC_URL}/invitations/<token>`. */
  url: string;
  /** ISO 8601 instant; the link works once, until then. */
  expiresAt: string;
}

export class EndedSessionsDto {
  /** How many sessions were open (0: the person was signed in nowhere). */
  ended: number;
}

export class CreatedUserDto {
  user: UserDto;
  invitation: InvitationLinkDto;
}

export class CreateUserDto {
  /**
   * Where the person receives the invitation link; case does not matter.
   * @example "jane.doe@example.com"
   */
  @Transform(trim)
  @IsString()
  @IsEmail({}, EMAIL_ADDRESS)
  @MaxLength(320)
  email: string;

  /**
   * Optional: the person sets their name when accepting.
   * @example "Jane Doe"
   */
  @IsOmittable()
  @IsPersonName()
  name?: string;

  /** STAFF may invite CUSTOMER users only. */
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  /** Required for CUSTOMER users, forbidden for the others. */
  @IsOmittable()
  @Transform(lowerCase)
  @IsUUID()
  customerId?: string;
}

export const SETTABLE_USER_STATUSES = ['ACTIVE', 'DISABLED'] as const;

export class UpdateUserDto {
  /** @example "Jane Doe" */
  @IsOmittable()
  @IsPersonName()
  name?: string;

  @IsOmittable()
  @ApiProperty({ enum: ROLES, required: false })
  @IsIn(ROLES)
  role?: Role;

  /** The customer of a CUSTOMER user; null when the role changes away from CUSTOMER. */
  @IsOmittableOrNull()
  @Transform(lowerCase)
  @IsUUID()
  customerId?: string | null;

  /** DISABLED ends the person's sessions at once; ACTIVE enables them again. */
  @IsOmittable()
  @ApiProperty({ enum: SETTABLE_USER_STATUSES, required: false })
  @IsIn(SETTABLE_USER_STATUSES)
  status?: (typeof SETTABLE_USER_STATUSES)[number];
}

export class AccountEventDto {
  /** Increasing id, as a string (64-bit). */
  @ApiProperty({ pattern: '^[0-9]+$', example: '42' })
  id: string;
  /** ISO 8601 instant, set by the database. */
  at: string;
  /** Who did it: an ADMIN or STAFF person, an API key, or the person themself. */
  actor: AuditActorDto;
  /** What happened. */
  @ApiProperty({ enum: ACCOUNT_ACTIONS })
  action: AccountAction;
  /** The account it happened to. */
  userId: string;
  /** `{ field: { from, to } }` for changed fields; `{ method }` for a sign-in. */
  changes: Record<string, unknown>;
  /** The X-Request-Id of the request that did it. */
  @ApiProperty({ type: 'string', nullable: true, pattern: REQUEST_ID_PATTERN.source })
  requestId: string | null;
}

export class AccountEventPageDto {
  /** Oldest first, or newest first with `order=newest`. */
  items: AccountEventDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
