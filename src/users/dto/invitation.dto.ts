import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../auth/principal';
import { PASSWORD_MAX_LENGTH } from '../../auth/domain/password-policy';
import { IsOmittable } from '../../common/validation/presence';
import { trim } from '../../common/validation/transforms';
import { EMAIL_ADDRESS } from '../../common/validation/email';
import { IsPersonName } from './person-name';

/** Why the link was made: to join, or (for a person who already signs in) to set a new password. */
export const INVITATION_PURPOSES = ['invitation', 'passwordReset'] as const;
export type InvitationPurpose = (typeof INVITATION_PURPOSES)[number];

/** What an invitation link offers, shown on the accept page. */
export class InvitationDto {
  /**
   * `passwordReset` when the person's account is already active (a new link from an
   * administrator): accepting sets a new password and keeps their name.
   */
  @ApiProperty({ enum: INVITATION_PURPOSES })
  purpose: InvitationPurpose;
  /** The invited email; null only for the first-ADMIN setup link (the form then asks for it). */
  email: string | null;
  /** The person's current name; null for a new person (the form then asks for it). */
  name: string | null;
  @ApiProperty({ enum: ROLES })
  role: Role;
  customerId: string | null;
  customerName: string | null;
  /** ISO 8601 instant. */
  expiresAt: string;
}

export class AcceptInvitationDto {
  /**
   * How the person is shown to others. Required to join; a password reset may leave it out to
   * keep the current name.
   * @example "Jane Doe"
   */
  @IsOmittable()
  @IsPersonName()
  name?: string;

  /**
   * At least 12 characters; not a common or trivial password, nor containing your email name.
   * @example "correct horse battery staple"
   */
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  /**
   * Required by the first-ADMIN setup link only; otherwise, if given, the invited email.
   * @example "jane.doe@example.com"
   */
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsEmail({}, EMAIL_ADDRESS)
  @MaxLength(320)
  email?: string;
}
