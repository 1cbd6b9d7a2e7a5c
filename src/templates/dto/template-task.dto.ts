import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  PARTY_PATTERN,
  SECURITY_TIERS,
  SLUG_PATTERN,
  type SecurityTier,
} from '../domain/template-definition';
import { IsOmittableOrNull } from '../../common/validation/presence';
import { IsSingleLine, IsMultiLine } from '../../common/validation/text-lines';

/** The most tasks a template version may have. */
export const MAX_TASKS = 200;
/** Limits of one task's lists (the catalogue's longest checklist has 11 items). */
export const MAX_CHECKLIST_ITEMS = 100;
export const MAX_RACI_ENTRIES = 20;

/** The same shapes are read on publishing and returned on reading a template. */
export class ChecklistItemDto {
  /**
   * What has to be done, e.g. "Provision Kubernetes clusters".
   * @example "Provision Kubernetes clusters"
   */
  @IsString()
  @IsMultiLine()
  @IsNotEmpty()
  @MaxLength(500)
  text: string;

  /**
   * The security tiers the item applies to; null: every tier. Unknown tiers are refused with 422.
   * @example ["STANDARD", "PREMIUM"]
   */
  @ApiProperty({ enum: SECURITY_TIERS, isArray: true, nullable: true })
  @IsOmittableOrNull()
  @IsArray()
  @ArrayMaxSize(SECURITY_TIERS.length)
  @IsString({ each: true })
  tiers: SecurityTier[] | null;
}

export class RaciEntryDto {
  /**
   * One of the template's `parties`, e.g. `WSO2` or `CUSTOMER`.
   * @example "WSO2"
   */
  @IsString()
  @Matches(PARTY_PATTERN, { message: 'must be an upper-case party name such as WSO2' })
  party: string;

  /**
   * The party is involved only when the situation calls for it ("(If required)").
   * @example false
   */
  @IsBoolean()
  ifRequired: boolean;
}

export class RaciDto {
  /** Who does the work. Several entries: the parties share it jointly. */
  @IsArray()
  @ArrayMaxSize(MAX_RACI_ENTRIES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RaciEntryDto)
  responsible: RaciEntryDto[];

  /** Who answers for it; at least one party unconditionally. */
  @IsArray()
  @ArrayMaxSize(MAX_RACI_ENTRIES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RaciEntryDto)
  accountable: RaciEntryDto[];

  /** Who is asked before or during the work. */
  @IsArray()
  @ArrayMaxSize(MAX_RACI_ENTRIES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RaciEntryDto)
  consulted: RaciEntryDto[];

  /** Who is told about progress and completion. */
  @IsArray()
  @ArrayMaxSize(MAX_RACI_ENTRIES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RaciEntryDto)
  informed: RaciEntryDto[];
}

export class TemplateTaskDto {
  /**
   * Stable slug of the task within the template, e.g. `subscription-prerequisites`.
   * @example "subscription-prerequisites"
   */
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN, { message: 'must be a lowercase slug such as network-management' })
  key: string;

  /**
   * 1..n: the order of the tasks.
   * @example 1
   */
  @IsInt()
  position: number;

  /** @example "Subscription prerequisites" */
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  /** The task's duties, in order; empty when the task has no description. */
  @IsArray()
  @ArrayMaxSize(MAX_CHECKLIST_ITEMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist: ChecklistItemDto[];

  @IsObject()
  @ValidateNested()
  @Type(() => RaciDto)
  raci: RaciDto;

  /**
   * The task's default due date is the engagement's start date plus this many days.
   * @example 14
   */
  @IsInt()
  @Min(0)
  @Max(3650)
  dueOffsetDays: number;

  /**
   * Keys of tasks that must be DONE or NOT_APPLICABLE before this one can be marked DONE.
   * @example []
   */
  @IsArray()
  @ArrayMaxSize(MAX_TASKS)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  dependsOn: string[];
}
