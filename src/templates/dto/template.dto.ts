import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CLOUD_PROVIDERS,
  PARTY_PATTERN,
  SLUG_PATTERN,
  type CloudProvider,
  type TemplateDefinition,
} from '../domain/template-definition';
import { MAX_TASKS, TemplateTaskDto } from './template-task.dto';
import { IsOmittableOrNull } from '../../common/validation/presence';
import { IsSingleLine, IsMultiLine } from '../../common/validation/text-lines';

export { MAX_TASKS };
/** The most parties a template may name. */
export const MAX_PARTIES = 20;

/** A complete template version: what POST /templates/{key}/versions publishes. */
export class TemplateVersionInputDto {
  /**
   * e.g. "Customer self-managed (WSO2 provides installation script and updates)".
   * @example "Partner managed (a WSO2 partner runs the data plane)"
   */
  @IsString()
  @IsSingleLine()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  /** @example "Who does what when a partner runs the private data plane" */
  @IsOmittableOrNull()
  @IsString()
  @IsMultiLine()
  @MaxLength(2000)
  description?: string | null;

  /**
   * The parties RACI entries may name.
   * @example ["WSO2", "CUSTOMER"]
   */
  @IsArray()
  @ArrayMaxSize(MAX_PARTIES)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @Matches(PARTY_PATTERN, {
    each: true,
    message: 'each value must be an upper-case party name such as WSO2',
  })
  parties: string[];

  /**
   * Cloud providers the model supports; null or absent: any provider.
   * @example ["AWS", "AZURE"]
   */
  @ApiProperty({ enum: CLOUD_PROVIDERS, isArray: true, nullable: true, required: false })
  @IsOmittableOrNull()
  @IsArray()
  @ArrayMaxSize(CLOUD_PROVIDERS.length)
  @IsIn(CLOUD_PROVIDERS, { each: true })
  allowedCloudProviders?: CloudProvider[] | null;

  /** Every task of the version (a version is always complete, never a patch). */
  @IsArray()
  @ArrayMaxSize(MAX_TASKS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TemplateTaskDto)
  tasks: TemplateTaskDto[];
}

/** A new template: its first version under a new key. */
export class CreateTemplateDto extends TemplateVersionInputDto {
  /**
   * Lowercase slug, unique, e.g. `customer-self-managed`.
   * @example "partner-managed"
   */
  @IsString()
  @MaxLength(100)
  @Matches(SLUG_PATTERN, { message: 'must be a lowercase slug such as customer-self-managed' })
  key: string;
}

/** The domain's view of a validated request body: absent optional values become null. */
export function toTemplateDefinition(input: TemplateVersionInputDto): TemplateDefinition {
  return {
    name: input.name,
    description: input.description ?? null,
    parties: input.parties,
    allowedCloudProviders: input.allowedCloudProviders ?? null,
    tasks: input.tasks.map((task) => ({
      key: task.key,
      position: task.position,
      title: task.title,
      checklist: task.checklist.map((item) => ({ text: item.text, tiers: item.tiers ?? null })),
      raci: {
        responsible: task.raci.responsible.map(({ party, ifRequired }) => ({ party, ifRequired })),
        accountable: task.raci.accountable.map(({ party, ifRequired }) => ({ party, ifRequired })),
        consulted: task.raci.consulted.map(({ party, ifRequired }) => ({ party, ifRequired })),
        informed: task.raci.informed.map(({ party, ifRequired }) => ({ party, ifRequired })),
      },
      dueOffsetDays: task.dueOffsetDays,
      dependsOn: task.dependsOn,
    })),
  };
}

export class TemplateSummaryDto {
  key: string;
  /** The version this summary describes (the latest, in the template list). */
  version: number;
  name: string;
  description: string | null;
  parties: string[];
  @ApiProperty({ enum: CLOUD_PROVIDERS, isArray: true, nullable: true })
  allowedCloudProviders: CloudProvider[] | null;
  publishedAt: Date;
  taskCount: number;
}

/** One published template version with all its tasks, ordered by position. */
export class TemplateVersionDto {
  key: string;
  version: number;
  name: string;
  description: string | null;
  parties: string[];
  /** null: any cloud provider. */
  @ApiProperty({ enum: CLOUD_PROVIDERS, isArray: true, nullable: true })
  allowedCloudProviders: CloudProvider[] | null;
  publishedAt: Date;
  tasks: TemplateTaskDto[];
}

/**
 * Any JSON value: a field's value differs in type from field to field. Null rides on the object
 * alternative, where OpenAPI 3.0 can say it (`nullable` needs a `type` beside it).
 */
const ANY_JSON_VALUE = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', nullable: true },
  ],
};

export class FieldChangeDto {
  @ApiProperty({ ...ANY_JSON_VALUE, description: 'The value in the earlier version' })
  before: unknown;
  @ApiProperty({ ...ANY_JSON_VALUE, description: 'The value in the later version' })
  after: unknown;
}

export class TaskChangeDto {
  key: string;
  /** Only the fields that differ: position, title, checklist, raci, dueOffsetDays, dependsOn. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldChangeDto' },
  })
  fields: Record<string, FieldChangeDto>;
}

/** What changes from version `from` to version `to` of one template. */
export class TemplateDiffDto {
  key: string;
  from: number;
  to: number;
  /** Template-level fields that differ: name, description, parties, allowedCloudProviders. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldChangeDto' },
  })
  template: Record<string, FieldChangeDto>;
  /** Tasks only in `to`. */
  added: TemplateTaskDto[];
  /** Tasks only in `from`. */
  removed: TemplateTaskDto[];
  /** Tasks in both (matched by key) that differ. */
  changed: TaskChangeDto[];
}
