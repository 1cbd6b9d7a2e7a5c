import { AgeBand, AgeBandCounts, ContactRef, emptyAgeBandCounts } from './overdue-rules';

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
/**
 * A person is their party and email, whatever its case and whatever name each engagement gives
 * them: "Wanda Perera" <wanda@wso2.com> in one and "W. Perera" <Wanda@WSO2.com> in another are one
 * row with one count, as the drill-down lists them.
 */
function groupKey(party: string, contact: ContactRef | null): string {
  return contact === null ? `${party}\u0000` : `${party}\u0000${contact.email.toLowerCase()}`;
}

/** The name a person's group shows: the one most of their tasks carry (ties: first by code point). */
class NameVotes {
  private readonly votes = new Map<string, number>();

  add(name: string, count: number): void {
    this.votes.set(name, (this.votes.get(name) ?? 0) + count);
  }

  winner(): string {
    let best = '';
    let most = -1;
    for (const [name, votes] of this.votes) {
      if (votes > most || (votes === most && name < best)) [best, most] = [name, votes];
    }
    return best;
  }
}

/** One group's contact as shown: the winning name and the email in lower case. */
function shownContact(contact: ContactRef | null, names: NameVotes | undefined): ContactRef | null {
  return contact === null || names === undefined
    ? null
    : { name: names.winner(), email: contact.email.toLowerCase() };
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
  const tally = new AccountableTally(onlyParty);
  for (const item of items) tally.add(item);
  return tally.summary();
}

/**
 * summariseByAccountable one item at a time, in any order: the full report counts each item as
 * its row arrives from the database.
 */
export class AccountableTally {
  private readonly groups = new Map<string, AccountableSummary>();
  private readonly names = new Map<string, NameVotes>();

  constructor(private readonly onlyParty?: string) {}

  add(item: SummarisableItem): void {
    const { groups, names, onlyParty } = this;
    // A joint task names each party once; only a list naming a party twice needs the check.
    const seen = item.accountable.length > 1 ? new Set<string>() : undefined;
    for (const { party, contact } of item.accountable) {
      if (onlyParty !== undefined && party !== onlyParty) continue;
      const key = groupKey(party, contact);
      if (seen) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      if (contact) {
        let votes = names.get(key);
        if (!votes) names.set(key, (votes = new NameVotes()));
        votes.add(contact.name, 1);
      }
      const group = groups.get(key);
      if (group) {
        group.count += 1;
        group.maxDaysOverdue = Math.max(group.maxDaysOverdue, item.daysOverdue);
      } else {
        groups.set(key, { party, contact, count: 1, maxDaysOverdue: item.daysOverdue });
      }
    }
  }

  /** The groups counted so far, in summary order. */
  summary(): AccountableSummary[] {
    const shown = [...this.groups].map(([key, group]) => ({
      ...group,
      contact: shownContact(group.contact, this.names.get(key)),
    }));
    return shown.sort(compareAccountableSummaries);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Summary order: largest groups first, then the latest, then by party; an unnamed group sorts
 * before named ones of the same party so it is not missed.
 */
export function compareAccountableSummaries(a: AccountableSummary, b: AccountableSummary): number {
  return (
    b.count - a.count ||
    b.maxDaysOverdue - a.maxDaysOverdue ||
    compareText(a.party, b.party) ||
    (a.contact === null ? 0 : 1) - (b.contact === null ? 0 : 1) ||
    compareText(a.contact?.name ?? '', b.contact?.name ?? '') ||
    compareText(a.contact?.email ?? '', b.contact?.email ?? '')
  );
}

/** Overdue tasks of one age band: of all tasks (party null), or of one party and contact. */
export interface BandCount {
  party: string | null;
  contactName: string | null;
  contactEmail: string | null;
  band: AgeBand;
  count: number;
  maxDaysOverdue: number;
}

export interface AccountableBandSummary extends AccountableSummary {
  bands: AgeBandCounts;
}

export interface OverdueBoardSummary {
  totalOverdue: number;
  bands: AgeBandCounts;
  groups: AccountableBandSummary[];
}

/**
 * The overdue board from per-band counts: totals and bands over all overdue tasks, and the
 * accountable groups (as summariseByAccountable forms and orders them) with their own bands.
 */
export function summariseBandCounts(counts: readonly BandCount[]): OverdueBoardSummary {
  const bands = emptyAgeBandCounts();
  const groups = new Map<string, AccountableBandSummary>();
  const names = new Map<string, NameVotes>();
  for (const row of counts) {
    if (row.party === null) {
      bands[row.band] += row.count;
      continue;
    }
    const contact =
      row.contactName === null || row.contactEmail === null
        ? null
        : { name: row.contactName, email: row.contactEmail };
    const key = groupKey(row.party, contact);
    if (contact) {
      if (!names.has(key)) names.set(key, new NameVotes());
      names.get(key)!.add(contact.name, row.count);
    }
    let group = groups.get(key);
    if (!group) {
      group = {
        party: row.party,
        contact,
        count: 0,
        maxDaysOverdue: 0,
        bands: emptyAgeBandCounts(),
      };
      groups.set(key, group);
    }
    group.count += row.count;
    group.maxDaysOverdue = Math.max(group.maxDaysOverdue, row.maxDaysOverdue);
    group.bands[row.band] += row.count;
  }
  for (const [key, group] of groups) group.contact = shownContact(group.contact, names.get(key));
  const totalOverdue = Object.values(bands).reduce((sum, n) => sum + n, 0);
  return { totalOverdue, groups: [...groups.values()].sort(compareAccountableSummaries), bands };
}
