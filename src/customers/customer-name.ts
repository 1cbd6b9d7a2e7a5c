import { ConflictError } from '../common/errors/domain-errors';

/**
 * A customer's name is taken (regardless of case): the one 409 for it, wherever a customer is
 * created. `field` is where the request carries the name; `taken` is the name as it is stored,
 * when known (a lost race knows only that the unique index refused).
 */
export function customerNameTaken(field: string, taken?: string): ConflictError {
  return new ConflictError(
    taken === undefined
      ? 'A customer with this name already exists'
      : `A customer named "${taken}" already exists`,
    { errors: [{ field, message: 'must be unique (case-insensitive)' }] },
  );
}

/** The unique index that settles two requests racing for one customer name. */
export const CUSTOMER_NAME_INDEX = 'customer_name_lower_key';
