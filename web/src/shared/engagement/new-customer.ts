/**
 * Where people are sent to add a customer: it is made with its first engagement, on the New
 * engagement page, which starts with "New customer…" chosen for this address.
 */
export const NEW_CUSTOMER_PATH = '/engagements/new?customer=new';

/** Whether the New engagement page was opened to add a customer (NEW_CUSTOMER_PATH). */
export function startsWithNewCustomer(params: URLSearchParams): boolean {
  return params.get('customer') === 'new';
}
