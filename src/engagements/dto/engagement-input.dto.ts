import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CreateCustomerDto } from '../../customers/dto/customer.dto';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import {
  DEFAULT_ENGAGEMENT_SORT,
  ENGAGEMENT_SORTS,
  type EngagementSortSpec,
} from '../engagement-sort';
import { ENGAGEMENT_STATUSES, type EngagementStatus } from '../engagement-status';
import {
  CLOUD_PROVIDERS,
  type CloudProvider,
  SECURITY_TIERS,
  type SecurityTier,
} from '../template-snapshot';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { MAX_INT32 } from '../../common/validation/int32';
import { IsNotGivenWith, IsOmittable, IsRequiredUnless } from '../../common/validation/presence';
import { lowerCase, trim } from '../../common/validation/transforms';
import { EMAIL_ADDRESS } from '../../common/validation/email';
import { IsSingleLine, IsMultiLine } from '../../common/validation/text-lines';

export class ContactInputDto {
  /**
   * One of the template's parties, e.g. `WSO2` or `CUSTOMER`.
   * @example "CUSTOMER"
   */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  party: string;

  /** @example "Carl Customer" */
  @Transform(trim)
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** @example "carl@acme.example" */
  @Transform(trim)
  @IsString()
  @IsEmail({}, EMAIL_ADDRESS)
  @MaxLength(320)
  email: string;

  /**
   * At most one primary contact per party. Defaults to false.
   * @example true
   */
  @IsOmittable()
  @IsBoolean()
  primary?: boolean;
}

export class CreateEngagementDto {
  /** The engagement's customer, one that exists; or give `customer` instead (exactly one of them). */
  @ValidateIf(
    (input: CreateEngagementDto) => input.customerId !== undefined || input.customer === undefined,
  )
  @IsRequiredUnless('customer')
  @Transform(lowerCase)
  @IsUUID()
  customerId?: string;

  /**
   * A new customer for the engagement, instead of `customerId`: created in the same transaction,
   * so a refused engagement leaves no customer behind. Its name must be unique regardless of case,
   * as with `POST /customers` (409 naming `customer.name` otherwise).
   */
  @IsOmittable()
  @IsObject()
  @IsNotGivenWith('customerId')
  @ValidateNested()
  @Type(() => CreateCustomerDto)
  customer?: CreateCustomerDto;

  /**
   * e.g. `wso2-managed-wso2-subscription`.
   * @example "wso2-managed-wso2-subscription"
   */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  templateKey: string;

  /**
   * Defaults to the latest published version.
   * @example 1
   */
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  templateVersion?: number;

  /**
   * Defaults to "<customer name> — <template name>".
   * @example "Acme PDP onboarding"
   */
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** Must be allowed by the template (422 otherwise). */
  @ApiProperty({ enum: CLOUD_PROVIDERS })
  @IsIn(CLOUD_PROVIDERS)
  cloudProvider: CloudProvider;

  /** Decides which tier-conditional checklist items the tasks get. */
  @ApiProperty({ enum: SECURITY_TIERS })
  @IsIn(SECURITY_TIERS)
  securityTier: SecurityTier;

  /**
   * YYYY-MM-DD; task due dates are this plus each task's offset.
   * @example "2026-03-02"
   */
  @IsCalendarDate()
  startDate: string;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactInputDto)
  contacts?: ContactInputDto[];
}

export class UpdateEngagementDto {
  /**
   * `CANCELLED` cancels the engagement; `ACTIVE` reactivates a cancelled one (409 for any other),
   * which then becomes what its tasks say: ACTIVE, or COMPLETED when every task is closed.
   * Otherwise the status follows from the tasks. Either needs a reason.
   */
  @IsOmittable()
  @ApiProperty({ enum: ['CANCELLED', 'ACTIVE'], required: false })
  @IsIn(['CANCELLED', 'ACTIVE'])
  status?: 'CANCELLED' | 'ACTIVE';

  /**
   * Why it is cancelled or reactivated (required with `status`), or why the start moved
   * (optional with `startDate`); accepted only with one of those.
   * @example "The customer chose another provider"
   */
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsMultiLine()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;

  /** @example "Acme PDP onboarding" */
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** Re-filters the checklists of the tasks still open. */
  @IsOmittable()
  @ApiProperty({ enum: SECURITY_TIERS, required: false })
  @IsIn(SECURITY_TIERS)
  securityTier?: SecurityTier;

  /** Replaces the whole contact list. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ContactInputDto)
  contacts?: ContactInputDto[];

  /**
   * YYYY-MM-DD. Moves the start of an active engagement: every open task's due date moves by the
   * same number of days (one set by hand too); DONE and NOT_APPLICABLE tasks keep theirs. 409 when
   * the engagement is completed.
   * @example "2026-03-16"
   */
  @IsOmittable()
  @IsCalendarDate()
  startDate?: string;
}

export class ListEngagementsQueryDto extends PageQueryDto {
  @IsOmittable()
  @Transform(lowerCase)
  @IsUUID()
  customerId?: string;

  @IsOmittable()
  @ApiProperty({ enum: ENGAGEMENT_STATUSES, required: false })
  @IsIn(ENGAGEMENT_STATUSES)
  status?: EngagementStatus;

  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  templateKey?: string;

  /** `true`: only engagements with at least one task overdue today (UTC). */
  @IsOmittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  /**
   * Only engagements whose customer name or own name contains this text, case-insensitively.
   * `%` and `_` match themselves. Surrounding spaces are dropped; omit it to list all.
   */
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q?: string;

  /**
   * Order of the list: `createdAt` (default), `customer` (name), `name`, `startDate`, `progress`
   * (percent), `overdue` (count), `nextDue` (due date of the next due task; none last). Prefix
   * `-` for descending. Names compare case-insensitively; ties go by engagement id. A cursor
   * works only with the order it was issued for.
   */
  @IsOmittable()
  @ApiProperty({ enum: ENGAGEMENT_SORTS, required: false, default: DEFAULT_ENGAGEMENT_SORT })
  @IsIn(ENGAGEMENT_SORTS)
  sort?: EngagementSortSpec;
}
