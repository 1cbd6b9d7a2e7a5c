import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PRINCIPAL_KINDS, type PrincipalKind, ROLES, type Role } from '../../auth/principal';
import { PASSWORD_MAX_LENGTH } from '../../auth/domain/password-policy';

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
