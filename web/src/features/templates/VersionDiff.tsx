import { label } from '@/shared/format/labels';
import { raciLine } from './raci-text';
import type { Raci, TemplateDiff, TemplateTask } from './templates-api';

const TASK_FIELDS: Record<string, string> = {
  position: 'Position',
  title: 'Title',
  checklist: 'Description (checklist)',
  raci: 'RACI',
  dueOffsetDays: 'Due (days after start)',
  dependsOn: 'Depends on',
};

const TEMPLATE_FIELDS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  parties: 'Parties',
  allowedCloudProviders: 'Cloud providers',
};

function isRaci(value: unknown): value is Raci {
  return typeof value === 'object' && value !== null && 'responsible' in value;
}

/** A changed value, readably (the API sends the raw before/after of each field). */
function shown(field: string, value: unknown): string {
  if (value === null || value === undefined) {
    return field === 'allowedCloudProviders' ? 'any' : '(none)';
  }
  if (field === 'raci' && isRaci(value)) return raciLine(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    return value
      .map((item) => {
        if (typeof item === 'string') return field === 'dependsOn' ? item : label(item);
        if (typeof item === 'object' && item !== null && 'text' in item) {
          const { text, tiers } = item as { text: string; tiers: string[] | null };
          return tiers ? `${text} (${tiers.map(label).join(', ')})` : text;
        }
        return JSON.stringify(item);
      })
      .join('; ');
  }
  return String(value);
}

function TaskSummary({ task }: { task: TemplateTask }) {
  return (
    <>
      <strong>
        {task.position}. {task.title}
      </strong>{' '}
      <span className="muted small">
        {raciLine(task.raci)} · due after {task.dueOffsetDays} days
      </span>
    </>
  );
}

/** What changed from one version to another: the template's fields, tasks added, removed, changed. */
export function VersionDiff({
  diff,
  titles,
}: {
  diff: TemplateDiff;
  /** Task titles by key (of either version), to name the changed tasks. */
  titles: ReadonlyMap<string, string>;
}) {
  const templateChanges = Object.entries(diff.template);
  const nothing =
    templateChanges.length === 0 &&
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.changed.length === 0;
  return (
    <div className="version-diff" aria-live="polite">
      <h3>
        Version {diff.from} → version {diff.to}
      </h3>
      {nothing && <p className="empty">The two versions are the same.</p>}
      {templateChanges.length > 0 && (
        <>
          <h4>The model</h4>
          <ul>
            {templateChanges.map(([field, change]) => (
              <li key={field}>
                {TEMPLATE_FIELDS[field] ?? field}: <del>{shown(field, change.before)}</del> →{' '}
                <ins>{shown(field, change.after)}</ins>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.added.length > 0 && (
        <>
          <h4>Tasks added</h4>
          <ul>
            {diff.added.map((task) => (
              <li key={task.key}>
                <TaskSummary task={task} />
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h4>Tasks removed</h4>
          <ul>
            {diff.removed.map((task) => (
              <li key={task.key}>
                <TaskSummary task={task} />
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.changed.length > 0 && (
        <>
          <h4>Tasks changed</h4>
          <ul>
            {diff.changed.map((change) => (
              <li key={change.key} data-testid="changed-task">
                <strong>{titles.get(change.key) ?? change.key}</strong>
                <ul>
                  {Object.entries(change.fields).map(([field, values]) => (
                    <li key={field}>
                      {TASK_FIELDS[field] ?? field}: <del>{shown(field, values.before)}</del> →{' '}
                      <ins>{shown(field, values.after)}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
