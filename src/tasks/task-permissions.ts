import type { Raci } from '../engagements/template-snapshot';

/** The party name customers act as in RACI charts. */
export const CUSTOMER_PARTY = 'CUSTOMER';

/** A customer may change a task only where it is Responsible or Accountable. */
export function customerMayChangeTask(raci: Raci): boolean {
  return [...raci.responsible, ...raci.accountable].some((entry) => entry.party === CUSTOMER_PARTY);
}

/**
 * Waiving a task (Not applicable) and moving its due date decide what counts as late for whoever
 * is accountable. A customer may do that alone only where nobody but the customer is accountable:
 * a duty WSO2 answers for too (security monitoring, patching) is waived or re-dated by WSO2, or
 * it would silently leave WSO2's overdue board. Returns the field refused, if any.
 */
export function customerMayNotDecideAlone(
  raci: Raci,
  change: { status?: string; dueDateChanged: boolean },
): 'status' | 'dueDate' | undefined {
  if (accountableBesidesCustomer(raci).length === 0) return undefined;
  if (change.status === 'NOT_APPLICABLE') return 'status';
  if (change.dueDateChanged) return 'dueDate';
  return undefined;
}

/** The parties other than the customer accountable for a task (those it decides things with). */
export function accountableBesidesCustomer(raci: Raci): string[] {
  return [...new Set(raci.accountable.map((entry) => entry.party))].filter(
    (party) => party !== CUSTOMER_PARTY,
  );
}

/** Who decides a task's dates besides the customer: the others accountable, else the others responsible. */
export function decidersBesidesCustomer(raci: Raci): string[] {
  const accountable = accountableBesidesCustomer(raci);
  if (accountable.length > 0) return accountable;
  return [...new Set(raci.responsible.map((entry) => entry.party))].filter(
    (party) => party !== CUSTOMER_PARTY,
  );
}
