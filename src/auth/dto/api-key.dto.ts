import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../principal';
import { IsOmittable } from '../../common/validation/presence';
import { lowerCase, trim } from '../../common/validation/transforms';
import { IsSingleLine } from '../../common/validation/text-lines';

export class CreateApiKeyDto {
  /**
   * What the key is for, e.g. "acme-ci" or "jane@wso2.com".
   * @example "acme-ci"
   */
  @Transform(trim)
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  /** Required for CUSTOMER keys, forbidden for the others. */
  @IsOmittable()
  @Transform(lowerCase)
  @IsUUID()
  customerId?: string;
}

export class ApiKeyDto {
  id: string;
  name: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  customerId: string | null;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The secret key. Shown only in this response: store it now. */
  key: string;
}
