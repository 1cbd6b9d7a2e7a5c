import type { FieldProblem } from '../common/errors/domain-errors';

export interface ContactInput {
  party: string;
  name: string;
  email: string;
  primary: boolean;
}

/**
 * Problems with an engagement's contact list: every party must be one of the template's parties,
 * a party has at most one primary contact (the person named when that party is accountable), and
 * names a person once (one email per party, whatever its case).
 */
export function contactProblems(
  contacts: readonly ContactInput[],
  parties: readonly string[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const primaryOf = new Map<string, number>();
  const emailAt = new Map<string, number>();
  contacts.forEach((contact, index) => {
    const person = `${contact.party}\u0000${contact.email.toLowerCase()}`;
    const earlier = emailAt.get(person);
    if (earlier === undefined) emailAt.set(person, index);
    else {
      problems.push({
        field: `contacts[${index}].email`,
        message: `is already a ${contact.party} contact (contacts[${earlier}])`,
      });
    }
    if (!parties.includes(contact.party)) {
      problems.push({
        field: `contacts[${index}].party`,
        message: `must be one of the template's parties: ${parties.join(', ')}`,
      });
    }
    if (!contact.primary) return;
    const first = primaryOf.get(contact.party);
    if (first === undefined) {
      primaryOf.set(contact.party, index);
    } else {
      problems.push({
        field: `contacts[${index}].primary`,
        message: `${contact.party} already has a primary contact (contacts[${first}])`,
      });
    }
  });
  return problems;
}
