import type { TemplateDefinition, TemplateTaskDefinition } from './template-definition';

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export const DIFFED_TEMPLATE_FIELDS = [
  'name',
  'description',
  'parties',
  'allowedCloudProviders',
] as const;
export const DIFFED_TASK_FIELDS = [
  'position',
  'title',
  'checklist',
  'raci',
  'dueOffsetDays',
  'dependsOn',
] as const;

export type TemplateFieldChanges = Partial<
  Record<(typeof DIFFED_TEMPLATE_FIELDS)[number], FieldChange>
>;
export type TaskFieldChanges = Partial<Record<(typeof DIFFED_TASK_FIELDS)[number], FieldChange>>;

export interface TemplateDiff {
  /** Template-level fields that differ. */
  template: TemplateFieldChanges;
  /** Tasks only in the later version, in its position order. */
  added: TemplateTaskDefinition[];
  /** Tasks only in the earlier version, in its position order. */
  removed: TemplateTaskDefinition[];
  /** Tasks in both (matched by key) whose fields differ. */
  changed: { key: string; fields: TaskFieldChanges }[];
}

/**
 * A canonical form for comparison: sets (dependencies, parties, providers, tiers, RACI entries)
 * compare regardless of order; lists whose order means something (checklists) keep it.
 */
function canonical(field: string, value: unknown): string {
  const sorted = (list: unknown[]) => list.map((v) => JSON.stringify(v)).sort();
  if (value === null || value === undefined) return JSON.stringify(value ?? null);
  switch (field) {
    case 'dependsOn':
    case 'parties':
    case 'allowedCloudProviders':
      return JSON.stringify(sorted(value as unknown[]));
    case 'raci':
      return JSON.stringify(
        Object.entries(value as Record<string, unknown[]>)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([role, entries]) => [role, sorted(entries)]),
      );
    case 'checklist':
      return JSON.stringify(
        (value as { text: string; tiers: string[] | null }[]).map((item) => [
          item.text,
          item.tiers === null ? null : [...item.tiers].sort(),
        ]),
      );
    default:
      return JSON.stringify(value);
  }
}

function changedFields<F extends string>(
  fields: readonly F[],
  before: Record<F, unknown>,
  after: Record<F, unknown>,
): Partial<Record<F, FieldChange>> {
  const changes: Partial<Record<F, FieldChange>> = {};
  for (const field of fields) {
    if (canonical(field, before[field]) !== canonical(field, after[field])) {
      changes[field] = { before: before[field], after: after[field] };
    }
  }
  return changes;
}

/** What changes from `before` to `after`; tasks are matched by key. */
export function diffTemplates(before: TemplateDefinition, after: TemplateDefinition): TemplateDiff {
  const byPosition = (a: TemplateTaskDefinition, b: TemplateTaskDefinition) =>
    a.position - b.position;
  const beforeByKey = new Map(before.tasks.map((t) => [t.key, t]));
  const afterKeys = new Set(after.tasks.map((t) => t.key));
  const changed: TemplateDiff['changed'] = [];
  for (const task of [...after.tasks].sort(byPosition)) {
    const previous = beforeByKey.get(task.key);
    if (!previous) continue;
    const fields = changedFields(DIFFED_TASK_FIELDS, previous, task);
    if (Object.keys(fields).length > 0) changed.push({ key: task.key, fields });
  }
  return {
    template: changedFields(DIFFED_TEMPLATE_FIELDS, before, after),
    added: after.tasks.filter((t) => !beforeByKey.has(t.key)).sort(byPosition),
    removed: before.tasks.filter((t) => !afterKeys.has(t.key)).sort(byPosition),
    changed,
  };
}
