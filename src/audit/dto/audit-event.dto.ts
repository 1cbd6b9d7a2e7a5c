import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_ID_PATTERN } from '../../common/http/request-id';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { ACTOR_KINDS, type ActorKind } from '../audit-event';
import { EVENT_ORDERS, type EventOrder } from '../event-rows';
import { IsOmittable } from '../../common/validation/presence';
import type { AssigneeUserDto } from '../../tasks/dto/task.dto';

export class AuditActorDto {
  /** A signed-in person, an API key, or the system itself (e.g. escalation jobs). */
  @ApiProperty({ enum: ACTOR_KINDS })
  kind: ActorKind;
  /** The user id or API key id; null for the system. */
  id: string | null;
  /** The person's name (their email when they gave none), the key's name, or `system:<job>`. */
  name: string;
  /** The person's email; null for keys and the system. */
  email: string | null;
}

export class AuditEventDto {
  /** Increasing id, as a string (64-bit). */
  @ApiProperty({ pattern: '^[0-9]+$', example: '42' })
  id: string;
  /** ISO 8601 instant. */
  at: string;
  actor: AuditActorDto;
  /** e.g. `engagement.created`, `task.status_changed`, `engagement.cancelled`. */
  action: string;
  engagementId: string;
  /** The task the event is about; null for engagement-level events. */
  taskKey: string | null;
  /** `{ field: { from, to } }` for every field that changed. */
  changes: Record<string, { from: unknown; to: unknown }>;
  reason: string | null;
  /**
   * The people `changes` name by user id (a task's `assignee`), by id: WSO2's people and this
   * customer's; anyone else stays an id. Empty for most events.
   */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/AssigneeUserDto' },
  })
  people: Record<string, AssigneeUserDto>;
  /** The X-Request-Id of the request that made the change. */
  @ApiProperty({ type: 'string', nullable: true, pattern: REQUEST_ID_PATTERN.source })
  requestId: string | null;
}

export class AuditPageDto {
  /** Oldest first. */
  items: AuditEventDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** `limit`, `cursor` and `order` of an audit history. */
export class AuditPageQueryDto extends PageQueryDto {
  /** `oldest` first (the default) or `newest` first; a cursor continues in the order it came from. */
  @IsOmittable()
  @IsIn(EVENT_ORDERS)
  order?: EventOrder;
}

export class AuditQueryDto extends AuditPageQueryDto {
  /** Only events about this task. */
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  taskKey?: string;
}

export class TaskAuditQueryDto extends AuditPageQueryDto {}

export class AuditChainBreakDto {
  /** The id of the first event that does not fit the chain. */
  @ApiProperty({ pattern: '^[0-9]+$', example: '42' })
  eventId: string;
  /** Its position in the engagement's chain (1 = the first event). */
  position: number;
  /** What does not match. */
  reason: string;
}

export class AuditVerificationDto {
  engagementId: string;
  /** Number of audit events of the engagement. */
  events: number;
  /** True when every event's link and hash match: nothing was changed, removed or slipped in. */
  intact: boolean;
  /** The first event that breaks the chain; null when intact. */
  @ApiProperty({ type: AuditChainBreakDto, nullable: true })
  firstBreak: AuditChainBreakDto | null;
  /** SHA-256 (hex) of the newest event; keep it to detect later removal of the newest events. */
  @ApiProperty({ type: String, nullable: true })
  headHash: string | null;
}
