import type { Raci } from '../engagements/template-snapshot';

/** The party name customers act as in RACI charts. */
export const CUSTOMER_PARTY = 'CUSTOMER';

/** A customer may change a task only where it is Responsible or Accountable. */
export function customerMayChangeTask(raci: Raci): boolean {
  return [...raci.responsible, ...raci.accountable].some((entry) => entry.party === CUSTOMER_PARTY);
}
