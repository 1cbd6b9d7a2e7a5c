import { useSearchParams } from 'react-router';
import type { ItemsQuery, OverdueGroup, SummaryQuery } from './overdue-api';

const NO_CONTACT = 'none';

/** A group of the board: an accountable party and its named person (or nobody named). */
export interface GroupRef {
  party: string;
  email: string | null;
}

export function groupRef(group: OverdueGroup): GroupRef {
  return { party: group.party, email: group.contact?.email ?? null };
}

export function sameGroup(a: GroupRef | undefined, b: GroupRef): boolean {
  return a !== undefined && a.party === b.party && a.email === b.email;
}

/**
 * Filters and the opened group live in the URL: a view of the board can be shared as a link.
 * Only the portfolio's board (staff) filters by customer and model: a customer's people see their
 * own onboarding, and such a filter in a link passed on to them would apply unseen.
 */
export function useOverdueFilters(portfolio: boolean) {
  const [params, setParams] = useSearchParams();
  const portfolioFilter = (name: 'customerId' | 'templateKey') =>
    portfolio ? (params.get(name) ?? undefined) : undefined;
  const filters: SummaryQuery = {
    customerId: portfolioFilter('customerId'),
    templateKey: portfolioFilter('templateKey'),
    // As the API reads it: `wso2` in a link typed by hand is WSO2 (and shows as such).
    party: params.get('party')?.toUpperCase() || undefined,
    asOf: params.get('asOf') ?? undefined,
  };
  const groupParty = params.get('group')?.toUpperCase();
  const groupContact = params.get('contact');
  const opened: GroupRef | undefined = groupParty
    ? {
        party: groupParty,
        email: !groupContact || groupContact === NO_CONTACT ? null : groupContact,
      }
    : undefined;

  const setFilter = (name: keyof SummaryQuery, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        // Another filter makes other groups: close the opened one.
        next.delete('group');
        next.delete('contact');
        return next;
      },
      { replace: true },
    );

  const open = (group: GroupRef | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (group) {
        next.set('group', group.party);
        next.set('contact', group.email ?? NO_CONTACT);
      } else {
        next.delete('group');
        next.delete('contact');
      }
      return next;
    });

  return { filters, opened, setFilter, open };
}

export function itemsQuery(
  filters: SummaryQuery,
  group: GroupRef,
  cursor: string | undefined,
  limit: number,
): ItemsQuery {
  return {
    ...filters,
    party: group.party,
    ...(group.email === null ? { noContact: true } : { contactEmail: group.email }),
    cursor,
    limit,
  };
}
