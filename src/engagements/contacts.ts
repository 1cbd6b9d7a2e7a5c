import type { ContactInput } from './contact-rules';
import type { ContactInputDto } from './dto/engagement-input.dto';

/** Contacts as stored: `primary` defaults to false. */
export function normaliseContacts(contacts: ContactInputDto[] | undefined): ContactInput[] {
  return (contacts ?? []).map((c) => ({
    party: c.party,
    name: c.name,
    email: c.email,
    primary: c.primary ?? false,
  }));
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order contacts are shown in: by party, the primary contact first, then name and email —
 * compared by code point, so it is the same whatever the database's collation.
 */
export function compareContacts(a: ContactInput, b: ContactInput): number {
  return (
    byCodePoint(a.party, b.party) ||
    Number(b.primary) - Number(a.primary) ||
    byCodePoint(a.name, b.name) ||
    byCodePoint(a.email, b.email)
  );
}
