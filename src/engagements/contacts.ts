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
