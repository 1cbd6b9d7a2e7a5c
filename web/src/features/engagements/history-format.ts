import type { Schema } from '@/shared/api';
import { assigneeText } from '@/shared/engagement/assignee';
import { formatDate, pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import type { ChangeLine } from '@/shared/ui/TimelineEntry';

export type AuditEvent = Schema<'AuditEventDto'>;

const ACTIONS: Record<string, string> = {
  'engagement.created': 'Created the engagement',
  'engagement.updated': 'Changed the engagement',
  'engagement.contacts_changed': 'Changed the contacts',
  'engagement.rescheduled': 'Moved the start of the engagement',
  'engagement.cancelled': 'Cancelled the engagement',
  'engagement.reactivated': 'Reactivated the engagement',
  'engagement.status_changed': 'Engagement status changed',
  'task.status_changed': 'Changed the status',
  'task.updated': 'Changed the details',
  'task.checklist_changed': 'Changed the checklist',
  'notification.created': 'Escalated',
  'notification.sent': 'Delivered the escalation about',
  'notification.dead': 'Could not deliver the escalation about',
  'notification.retried': 'Retried the escalation about',
};

/** The word between the action and the task it was about: "Changed the status of …", "Escalated …". */
export function taskPreposition(action: string): string {
  return action.startsWith('notification.') ? '' : 'of ';
}

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
  openTaskDueDates: 'Due dates',
  tasks: 'Tasks',
  level: 'Escalation level',
  daysOverdue: 'Days overdue',
};

interface RecipientValue {
  party: string;
  roles?: string[];
  contact?: { name: string; email: string } | null;
}

/** "WSO2 (accountable): Wanda Perera", "Customer (informed): no primary contact named". */
function recipientText({ party, roles, contact }: RecipientValue): string {
  const why = roles?.length ? ` (${roles.map((r) => r.toLowerCase()).join(', ')})` : '';
  return `${label(party)}${why}: ${contact ? contact.name : 'no primary contact named'}`;
}

/** "Wanda Perera (WSO2, primary)": who is primary is what the overdue board goes by. */
function contactText(item: { name: unknown; party?: unknown; primary?: unknown }): string {
  const party = typeof item.party === 'string' ? label(item.party) : undefined;
  const parts = [party, item.primary === true ? 'primary' : undefined].filter(Boolean);
  return parts.length ? `${String(item.name)} (${parts.join(', ')})` : String(item.name);
}

/** "Notified" only once the event records a delivery; before that they are still "to notify". */
function recipientsName(event: AuditEvent): string {
  const status = (event.changes.status as { to?: unknown } | undefined)?.to;
  return status === 'SENT' ? 'Notified' : 'To notify';
}

/** Ids mean nothing to people; the screen already says which customer this is. */
const HIDDEN_FIELDS = new Set(['customerId']);

/** Fields that say what a change did as a whole, not a value it replaced: shown without a "from". */
const SUMMARY_FIELDS = new Set(['openTaskDueDates']);

/** "14 open tasks moved 14 days later": what rescheduling did to the plan. */
function movedText(value: { moved?: unknown; days?: unknown }): string {
  const moved = Number(value.moved);
  const days = Number(value.days);
  return `${pluralize(moved, 'open task')} moved ${pluralize(Math.abs(days), 'day')} ${days < 0 ? 'earlier' : 'later'}`;
}

export function actionText(action: string): string {
  return ACTIONS[action] ?? action;
}

export function fieldName(field: string): string {
  return FIELDS[field] ?? field;
}

/** What the page knows by name that a change records by key. */
export interface HistoryNames {
  /** Management models (templates) by key. */
  templates?: ReadonlyMap<string, string>;
}

/** One side of a change, readably: codes as words, dates as dates, contact lists as names. */
export function valueText(field: string, value: unknown, names: HistoryNames = {}): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'string') {
    if (field === 'templateKey') return names.templates?.get(value) ?? value;
    if (field === 'status' || field === 'securityTier') return label(value);
    if (field === 'dueDate' || field === 'startDate') return formatDate(value);
    if (field === 'cloudProvider') return label(value);
    return value;
  }
  if (field === 'level' && typeof value === 'number') return `after ${value} days overdue`;
  if (field === 'openTaskDueDates' && typeof value === 'object') return movedText(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    if (field === 'tasks') return `${value.length} tasks`;
    if (field === 'recipients') {
      return (value as RecipientValue[]).map(recipientText).join('; ');
    }
    return value
      .map((item) =>
        typeof item === 'object' && item !== null && 'name' in item
          ? contactText(item as { name: unknown })
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

/** A notification's status is its delivery, not a task's status. */
function notificationLine(event: AuditEvent, field: string, from: unknown, to: unknown) {
  if (field === 'recipients') {
    return { field: recipientsName(event), from: valueText(field, from), to: valueText(field, to) };
  }
  if (field === 'status') {
    const text = (value: unknown) => (typeof value === 'string' ? label(value) : '(none)');
    return { field: 'Delivery', from: text(from), to: text(to) };
  }
  return undefined;
}

export function changeLines(event: AuditEvent, names: HistoryNames = {}): ChangeLine[] {
  const notification = event.action.startsWith('notification.');
  return Object.entries(event.changes)
    .filter(([field]) => !HIDDEN_FIELDS.has(field))
    .map(([field, change]) => {
      const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
      if (field === 'assignee') {
        // A user id recorded as the assignee, named as the API resolved it for this page.
        const text = (value: unknown) =>
          typeof value === 'string' && value
            ? assigneeText(value, event.people[value])
            : valueText(field, value);
        return { field: fieldName(field), from: text(from), to: text(to) };
      }
      return (
        (notification && notificationLine(event, field, from, to)) || {
          field: fieldName(field),
          from: SUMMARY_FIELDS.has(field) ? undefined : valueText(field, from, names),
          to: valueText(field, to, names),
        }
      );
    });
}
