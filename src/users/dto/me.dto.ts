import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PRINCIPAL_KINDS, type PrincipalKind, ROLES, type Role } from '../../auth/principal';
import { PASSWORD_MAX_LENGTH } from '../../auth/domain/password-policy';
import { IsPersonName } from './person-name';

/** How a person can sign in (`sso`: through the organisation's identity provider). */
export const SIGN_IN_METHODS = ['password', 'sso'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** Who the caller is: a signed-in person or an API key. */
export class MeDto {
  @ApiProperty({ enum: PRINCIPAL_KINDS })
  kind: PrincipalKind;
  /** The user id or the API key id. */
  id: string;
  /** The person's name (their email when they gave none) or the key's name. */
  name: string;
  /** People only. */
  email: string | null;
  @ApiProperty({ enum: ROLES })
  role: Role;
  /** CUSTOMER principals only: the customer whose data they see. */
  customerId: string | null;
  customerName: string | null;
}

/** A person's own account, as their account page shows it. */
export class OwnAccountDto {
  id: string;
  email: string;
  /** The name as set; null until the person (or an administrator) sets one. */
  name: string | null;
  @ApiProperty({ enum: ROLES })
  role: Role;
  /** CUSTOMER users only. */
  customerId: string | null;
  customerName: string | null;
  /**
   * `password` when the account has one (only then can it be changed here); `sso` when it is
   * bound to a single sign-on identity, or has no password (single sign-on is then the only way).
   */
  @ApiProperty({ enum: SIGN_IN_METHODS, isArray: true })
  signInMethods: SignInMethod[];
}

/** What a person may change about themself here (role and status are an administrator's). */
export class UpdateMeDto {
  /**
   * How you are shown to others: in the header, lists and the audit history of your changes.
   * @example "Jane Doe"
   */
  @IsPersonName()
  name: string;
}

export class ChangePasswordDto {
  /** @example "correct horse battery staple" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword: string;

  /**
   * At least 12 characters; not a common or trivial password, nor containing your email name.
   * @example "purple monkey dishwasher 77"
   */
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}
