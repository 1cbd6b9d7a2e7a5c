import type { Prisma } from '../generated/prisma/client';
import type { PrismaTx } from '../prisma/prisma.service';
import type {
  ChecklistItem,
  Raci,
  RaciRole,
  TemplateDefinition,
  TemplateTaskDefinition,
} from './domain/template-definition';

/** A published version as the API shows it. */
export interface TemplateVersionView extends TemplateDefinition {
  key: string;
  version: number;
  publishedAt: Date;
}

/** A published version with its row ids, for features that build on it (engagements). */
export interface TemplateVersionRecord extends TemplateVersionView {
  /** template_version.id */
  id: string;
  tasks: (TemplateTaskDefinition & { /** template_task.id */ id: string })[];
}

export const WITH_TASKS = { tasks: { orderBy: { position: 'asc' } } } as const;
export type VersionRow = Prisma.TemplateVersionGetPayload<{ include: typeof WITH_TASKS }>;

/** jsonb keeps keys in its own order; restore the documented one (R, A, C, I). */
function fromJsonRaci(raci: Raci): Raci {
  const entries = (role: RaciRole) =>
    raci[role].map(({ party, ifRequired }) => ({ party, ifRequired }));
  return {
    responsible: entries('responsible'),
    accountable: entries('accountable'),
    consulted: entries('consulted'),
    informed: entries('informed'),
  };
}

/** A version's own fields (everything but its tasks), as the API names them. */
export function toVersionHeader(row: Omit<VersionRow, 'tasks'>) {
  return {
    key: row.templateKey,
    version: row.version,
    name: row.name,
    description: row.description,
    parties: row.parties,
    // Stored as an empty array, which means "any provider".
    allowedCloudProviders: row.allowedCloudProviders.length ? row.allowedCloudProviders : null,
    publishedAt: row.publishedAt,
  };
}

export function toRecord(row: VersionRow): TemplateVersionRecord {
  return {
    id: row.id,
    ...toVersionHeader(row),
    tasks: row.tasks.map((task) => ({
      id: task.id,
      key: task.key,
      position: task.position,
      title: task.title,
      checklist: (task.checklist as unknown as ChecklistItem[]).map(({ text, tiers }) => ({
        text,
        tiers,
      })),
      raci: fromJsonRaci(task.raci as unknown as Raci),
      dueOffsetDays: task.dueOffsetDays,
      dependsOn: task.dependsOn,
    })),
  };
}

/**
 * A published template version with its tasks in position order (the latest without `version`);
 * undefined when there is none. Takes a transaction client so callers can read it in theirs.
 */
export async function findTemplateVersion(
  db: PrismaTx,
  key: string,
  version?: number,
): Promise<TemplateVersionRecord | undefined> {
  const row = await db.templateVersion.findFirst({
    where: { templateKey: key, ...(version === undefined ? {} : { version }) },
    orderBy: { version: 'desc' },
    include: WITH_TASKS,
  });
  return row ? toRecord(row) : undefined;
}

/** The checklists of some template tasks by id (to re-filter task instances on a tier change). */
export async function findTemplateChecklists(
  db: PrismaTx,
  templateTaskIds: string[],
): Promise<Map<string, ChecklistItem[]>> {
  const rows = await db.templateTask.findMany({
    where: { id: { in: templateTaskIds } },
    select: { id: true, checklist: true },
  });
  return new Map(rows.map((row) => [row.id, row.checklist as unknown as ChecklistItem[]]));
}
