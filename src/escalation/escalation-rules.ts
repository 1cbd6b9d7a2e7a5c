import { CalendarDate } from '../common/domain/calendar-date';
import { daysOverdue, isOverdue } from '../reports/overdue-rules';
import type { Raci, RaciEntry } from '../templates/domain/template-definition';

/**
 * Who hears about an overdue task, and when. A task reaches a configured level when it is that
 * many days overdue; each level goes to the accountable parties' primary contacts and to the
 * Informed parties' primary contacts — "If required" Informed parties only from the second
 * configured level on, so a first nudge stays between the people who own the task. A task is
 * told once about the level it is at for its due date: one that is already past several levels
 * when first seen (a back-dated engagement, a service that was down) gets its current level only,
 * not the ladder. A task given a new due date starts again: late against that date, it is told
 * again — at its current level, as if first seen.
 */

export type { Raci, RaciEntry } from '../templates/domain/template-definition';

export interface Contact {
  name: string;
  email: string;
}

export type RecipientRole = 'accountable' | 'informed';

export interface Recipient {
  party: string;
  /** Why this party hears about it; a party both accountable and informed is listed once. */
  roles: RecipientRole[];
  /** The engagement's primary contact for the party; null when none is named. */
  contact: Contact | null;
  /** True when no primary contact is named: someone has to be found before anyone can act. */
  contactMissing: boolean;
}

export interface EscalationCandidate {
  engagementStatus: string;
  taskStatus: string;
  dueDate: CalendarDate;
  raci: Raci;
  /** Primary contact per party, as named on the engagement. */
  primaryContacts: Record<string, Contact>;
}

export interface EscalationDecision {
  /** The configured level (days overdue) reached. */
  level: number;
  /** 1 for the first configured level, 2 for the second, … */
  ordinal: number;
  daysOverdue: number;
  recipients: Recipient[];
}

/** From this ordinal on, "If required" Informed parties are told too. */
export const IF_REQUIRED_INFORMED_FROM_ORDINAL = 2;

/** Recipients of the level with the given ordinal (1-based), accountable parties first. */
export function recipientsFor(
  raci: Raci,
  primaryContacts: Record<string, Contact>,
  ordinal: number,
): Recipient[] {
  const byParty = new Map<string, Recipient>();
  const add = (party: string, role: RecipientRole) => {
    const existing = byParty.get(party);
    if (existing) {
      if (!existing.roles.includes(role)) existing.roles.push(role);
      return;
    }
    const contact = primaryContacts[party] ?? null;
    byParty.set(party, {
      party,
      roles: [role],
      contact: contact && { name: contact.name, email: contact.email },
      contactMissing: contact === null,
    });
  };
  for (const entry of raci.accountable) add(entry.party, 'accountable');
  for (const entry of raci.informed) {
    if (entry.ifRequired && ordinal < IF_REQUIRED_INFORMED_FROM_ORDINAL) continue;
    add(entry.party, 'informed');
  }
  return [...byParty.values()];
}

/**
 * The notification a task is due on `asOf`: its current level — the highest configured level it
 * has reached — when no notification at that level or a higher one exists yet for its current due
 * date (`alreadyNotified`: the levels notified about that date). Lower levels it skipped are not
 * sent afterwards. Nothing for a task that is not overdue (closed, inactive engagement, or
 * re-dated).
 */
export function decideEscalation(
  candidate: EscalationCandidate,
  asOf: CalendarDate,
  levels: readonly number[],
  alreadyNotified: readonly number[],
): EscalationDecision | undefined {
  if (!isOverdue(candidate, asOf)) return undefined;
  const days = daysOverdue(candidate.dueDate, asOf);
  let index = -1;
  levels.forEach((level, i) => {
    if (days >= level) index = i;
  });
  if (index < 0) return undefined;
  const level = levels[index];
  if (alreadyNotified.some((notified) => notified >= level)) return undefined;
  return {
    level,
    ordinal: index + 1,
    daysOverdue: days,
    recipients: recipientsFor(candidate.raci, candidate.primaryContacts, index + 1),
  };
}

function entries(value: unknown): RaciEntry[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (e): e is { party: string; ifRequired?: unknown } =>
        typeof e === 'object' && e !== null && typeof (e as { party?: unknown }).party === 'string',
    )
    .map((e) => ({ party: e.party, ifRequired: e.ifRequired === true }));
}

/** Reads a task's stored RACI (jsonb) into its typed form; missing lists are empty. */
export function readRaci(value: unknown): Raci {
  const raci = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  return {
    responsible: entries(raci.responsible),
    accountable: entries(raci.accountable),
    consulted: entries(raci.consulted),
    informed: entries(raci.informed),
  };
}
