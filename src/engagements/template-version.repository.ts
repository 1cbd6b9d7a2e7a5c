import type { PrismaTx } from '../prisma/prisma.service';
import type { ChecklistItem, CloudProvider, Raci } from './template-snapshot';

export interface TemplateTaskSnapshot {
  id: string;
  key: string;
  position: number;
  title: string;
  checklist: ChecklistItem[];
  raci: Raci;
  dueOffsetDays: number;
  dependsOn: string[];
}

export interface TemplateVersionSnapshot {
  id: string;
  key: string;
  version: number;
  name: string;
  parties: string[];
  /** null: any provider. */
  allowedCloudProviders: CloudProvider[] | null;
  tasks: TemplateTaskSnapshot[];
}

/**
 * A published template version with its tasks in position order, read straight from the template
 * tables (published rows never change). Without `version`, the latest one. undefined when unknown.
 */
export async function loadTemplateVersion(
  db: PrismaTx,
  key: string,
  version?: number,
): Promise<TemplateVersionSnapshot | undefined> {
  const row = await db.templateVersion.findFirst({
    where: { templateKey: key, ...(version === undefined ? {} : { version }) },
    orderBy: { version: 'desc' },
    include: { tasks: { orderBy: { position: 'asc' } } },
  });
  if (!row) return undefined;
  return {
    id: row.id,
    key: row.templateKey,
    version: row.version,
    name: row.name,
    parties: row.parties,
    // The column cannot hold null; an empty list means "no restriction".
    allowedCloudProviders: row.allowedCloudProviders.length ? row.allowedCloudProviders : null,
    tasks: row.tasks.map((task) => ({
      id: task.id,
      key: task.key,
      position: task.position,
      title: task.title,
      checklist: task.checklist as unknown as ChecklistItem[],
      raci: task.raci as unknown as Raci,
      dueOffsetDays: task.dueOffsetDays,
      dependsOn: task.dependsOn,
    })),
  };
}

/** The checklists of some template tasks by id (to re-filter task instances on a tier change). */
export async function loadTemplateChecklists(
  db: PrismaTx,
  templateTaskIds: string[],
): Promise<Map<string, ChecklistItem[]>> {
  const rows = await db.templateTask.findMany({
    where: { id: { in: templateTaskIds } },
    select: { id: true, checklist: true },
  });
  return new Map(rows.map((row) => [row.id, row.checklist as unknown as ChecklistItem[]]));
}
