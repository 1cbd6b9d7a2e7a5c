import type { Role } from '@/shared/api';
import type { Contact, Engagement, Task } from './engagement-query';

/** The party customers' people act as in RACI charts (the API's rule for what they may change). */
export const CUSTOMER_PARTY = 'CUSTOMER';

/** The party's primary contact: the person named when the party is responsible or accountable. */
export function primaryContact(contacts: readonly Contact[], party: string): Contact | undefined {
  return contacts.find((c) => c.party === party && c.primary);
}

/** Customer people may change only tasks their party is Responsible or Accountable for. */
export function isCustomerTask(task: Task): boolean {
  return [...task.raci.responsible, ...task.raci.accountable].some(
    (entry) => entry.party === CUSTOMER_PARTY,
  );
}

export function mayChangeTask(role: Role, task: Task): boolean {
  return role !== 'CUSTOMER' || isCustomerTask(task);
}

/**
 * The parties other than the customer accountable for a task, when a customer is acting: they
 * decide its waiving (Not applicable) and its due date (the API's rule). Empty otherwise.
 */
export function decidedWith(role: Role | undefined, task: Task): string[] {
  if (role !== 'CUSTOMER') return [];
  return [...new Set(task.raci.accountable.map((e) => e.party))].filter(
    (party) => party !== CUSTOMER_PARTY,
  );
}

/** The parties every model has, in the order every page lists them. */
const USUAL_PARTIES = ['WSO2', CUSTOMER_PARTY];

/**
 * The engagement's parties: WSO2, then the customer, then any others in the order its tasks name
 * them. In the order of its tasks alone a customer self-managed engagement (whose first task is
 * the customer's) listed the customer first, unlike every other engagement.
 */
export function partiesOf(engagement: Engagement): string[] {
  const parties = new Set<string>();
  for (const task of engagement.tasks) {
    for (const entry of [...task.raci.responsible, ...task.raci.accountable]) {
      parties.add(entry.party);
    }
  }
  for (const contact of engagement.contacts) parties.add(contact.party);
  const rank = (party: string) => {
    const usual = USUAL_PARTIES.indexOf(party);
    return usual < 0 ? USUAL_PARTIES.length : usual;
  };
  // A stable sort keeps the others in the order they were named.
  return [...parties].sort((a, b) => rank(a) - rank(b));
}
