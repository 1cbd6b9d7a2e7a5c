import type { Schema } from '@/shared/api';
import { formatDate } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';

export type AuditEvent = Schema<'AuditEventDto'>;

const ACTIONS: Record<string, string> = {
  'engagement.created': 'Created the engagement',
  'engagement.updated': 'Changed the engagement',
  'engagement.contacts_changed': 'Changed the contacts',
  'engagement.cancelled': 'Cancelled the engagement',
  'engagement.status_changed': 'Engagement status changed',
  'task.status_changed': 'Changed the status',
  'task.updated': 'Changed the details',
  'task.checklist_changed': 'Changed the checklist',
  'notification.created': 'Escalation notification created',
  'notification.sent': 'Escalation notification delivered',
  'notification.dead': 'Escalation notification failed',
  'notification.retried': 'Escalation notification retried',
};

const FIELDS: Record<string, string> = {
  status: 'Status',
  dueDate: 'Due date',
  assignee: 'Assignee',
  note: 'Note',
  name: 'Name',
  securityTier: 'Security tier',
  contacts: 'Contacts',
  checklist: 'Checklist',
  lastError: 'Last error',
  attempts: 'Attempts',
  templateKey: 'Model',
  templateVersion: 'Model version',
  cloudProvider: 'Cloud',
  startDate: 'Start date',
  tasks: 'Tasks',
};

/** Ids mean nothing to people; the screen already says which customer this is. */
const HIDDEN_FIELDS = new Set(['customerId']);

export function actionText(action: string): string {
  return ACTIONS[action] ?? action;
}

export function fieldName(field: string): string {
  return FIELDS[field] ?? field;
}

/** Who did it: a person's name, an API key's name, or the service itself. */
export function actorText(actor: AuditEvent['actor']): string {
  if (actor.kind === 'key') return `${actor.name} (API key)`;
  if (actor.kind === 'system') return `The service (${actor.name.replace(/^system:/, '')})`;
  return actor.name;
}

/** One side of a change, readably: codes as words, dates as dates, contact lists as names. */
export function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'string') {
    if (field === 'status' || field === 'securityTier') return label(value);
    if (field === 'dueDate' || field === 'startDate') return formatDate(value);
    if (field === 'cloudProvider') return label(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    if (field === 'tasks') return `${value.length} tasks`;
    return value
      .map((item) =>
        typeof item === 'object' && item !== null && 'name' in item
          ? String((item as { name: unknown }).name)
          : typeof item === 'object' && item !== null && 'text' in item
            ? String((item as { text: unknown }).text)
            : typeof item === 'string'
              ? item
              : JSON.stringify(item),
      )
      .join(', ');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export interface ChangeLine {
  field: string;
  from: string;
  to: string;
}

export function changeLines(event: AuditEvent): ChangeLine[] {
  return Object.entries(event.changes)
    .filter(([field]) => !HIDDEN_FIELDS.has(field))
    .map(([field, change]) => {
      const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
      return { field: fieldName(field), from: valueText(field, from), to: valueText(field, to) };
    });
}
