import { formatDateTime } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import type { ChangeLine } from '@/shared/ui/TimelineEntry';
import type { AccountEvent } from './admin-api';

/** How a sign-in happened, as the history records it (`method`). */
const SIGN_IN_METHODS: Record<string, string> = {
  password: 'with their password',
  sso: 'by single sign-on',
  invitation: 'with their invitation link',
};

/** What happened, after who did it: "Asha Admin · Disabled Grace Hopper's account". */
export function accountActionText(event: AccountEvent, person: string): string {
  const method = String(event.changes.method ?? '');
  switch (event.action) {
    case 'user.created':
      return `Created ${person}'s account`;
    case 'user.invited':
      return `Invited ${person}`;
    case 'user.updated':
      return `Changed ${person}'s account`;
    case 'user.disabled':
      return `Disabled ${person}'s account`;
    case 'user.enabled':
      return `Enabled ${person}'s account`;
    case 'user.invitation_renewed':
      return `Made a new link for ${person}`;
    case 'user.invitation_accepted':
      if (event.changes.passwordReset) return 'Set a new password with a reset link';
      return method === 'sso'
        ? 'Accepted the invitation by single sign-on'
        : 'Accepted the invitation';
    case 'user.sso_linked':
      return 'Linked the account to single sign-on';
    case 'user.sso_unlinked':
      return `Unlinked ${person}'s account from single sign-on`;
    case 'user.signed_in':
      return ['Signed in', SIGN_IN_METHODS[method]].filter(Boolean).join(' ');
    case 'user.password_changed':
      return 'Changed their password';
    case 'user.sessions_ended':
      return `Signed ${person} out everywhere`;
    default:
      return event.action;
  }
}

const FIELDS: Record<string, string> = {
  name: 'Name',
  role: 'Role',
  customerId: 'Customer',
  status: 'Status',
  expiresAt: 'Link valid until',
  ssoIssuer: 'Identity provider',
  ssoSubject: 'Their id there',
  sessions: 'Sessions ended',
};

/** Said by the action itself, or nothing a person reads (secrets are never recorded). */
const UNSHOWN = new Set(['email', 'method', 'passwordReset', 'setup', 'source']);

/** The changed fields of an event, readably: roles and statuses as words, customers by name. */
export function accountChangeLines(
  event: AccountEvent,
  customerNames: ReadonlyMap<string, string>,
): ChangeLine[] {
  const text = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '(none)';
    if (field === 'role' || field === 'status') return label(String(value));
    if (field === 'customerId') return customerNames.get(String(value)) ?? String(value);
    if (field === 'expiresAt') return formatDateTime(String(value));
    return String(value);
  };
  // Disabling and enabling say so already; the status line would repeat it.
  const statusSaid = event.action === 'user.disabled' || event.action === 'user.enabled';
  return (
    Object.entries(event.changes)
      .filter(([field]) => !UNSHOWN.has(field) && !(statusSaid && field === 'status'))
      // What an invitation left unset (no name, no customer) is not worth a line.
      .filter(([, value]) => value !== null && value !== '')
      .map(([field, value]) => {
        const name = FIELDS[field] ?? field;
        if (typeof value === 'object' && value !== null && 'to' in value) {
          const { from, to } = value as { from?: unknown; to?: unknown };
          return { field: name, from: text(field, from), to: text(field, to) };
        }
        return { field: name, to: text(field, value) };
      })
  );
}
