import type { ContactRef } from './overdue-rules';

/** What the summary needs of one overdue item. */
export interface SummarisableItem {
  daysOverdue: number;
  accountable: readonly { party: string; contact: ContactRef | null }[];
}

/** Overdue tasks per accountable party and person. */
export interface AccountableSummary {
  party: string;
  /** The party's primary contact in the items' engagements; null when none is named. */
  contact: ContactRef | null;
  count: number;
  maxDaysOverdue: number;
}

// NUL cannot occur in PostgreSQL text, so it separates the parts unambiguously.
function groupKey(party: string, contact: ContactRef | null): string {
  return contact === null
    ? `${party}\u0000`
    : `${party}\u0000${contact.name}\u0000${contact.email}`;
}

/**
 * Groups overdue items by (accountable party, that party's primary contact). A jointly
 * accountable task counts once for each of its parties; tasks whose party has no named contact
 * form a group of their own per party (contact null). Largest groups first, then the latest, then
 * by party; an unnamed group sorts before named ones of the same party so it is not missed.
 * With `onlyParty`, only that party's groups are kept (the report's `party` filter).
 */
export function summariseByAccountable(
  items: readonly SummarisableItem[],
  onlyParty?: string,
): AccountableSummary[] {
  const groups = new Map<string, AccountableSummary>();
  for (const item of items) {
    const seen = new Set<string>();
    for (const { party, contact } of item.accountable) {
      if (onlyParty !== undefined && party !== onlyParty) continue;
      const key = groupKey(party, contact);
      if (seen.has(key)) continue;
      seen.add(key);
      const group = groups.get(key);
      if (group) {
        group.count += 1;
        group.maxDaysOverdue = Math.max(group.maxDaysOverdue, item.daysOverdue);
      } else {
        groups.set(key, { party, contact, count: 1, maxDaysOverdue: item.daysOverdue });
      }
    }
  }
  return [...groups.values()].sort(compareSummaries);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSummaries(a: AccountableSummary, b: AccountableSummary): number {
  return (
    b.count - a.count ||
    b.maxDaysOverdue - a.maxDaysOverdue ||
    compareText(a.party, b.party) ||
    (a.contact === null ? 0 : 1) - (b.contact === null ? 0 : 1) ||
    compareText(a.contact?.name ?? '', b.contact?.name ?? '') ||
    compareText(a.contact?.email ?? '', b.contact?.email ?? '')
  );
}
