import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/presence';
import { trim } from '../../common/validation/transforms';
import { IsSingleLine } from '../../common/validation/text-lines';

export class CreateCustomerDto {
  /**
   * The customer's name; unique regardless of case. Surrounding spaces are dropped.
   * @example "Acme Corporation"
   */
  @Transform(trim)
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /**
   * The customer's id in another system (CRM, billing), for cross-reference.
   * @example "CRM-10042"
   */
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(200)
  externalRef?: string;
}

export class CustomerDto {
  id: string;
  name: string;
  externalRef: string | null;
  /** ISO 8601 instant. */
  createdAt: string;
}
