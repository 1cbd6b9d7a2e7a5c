import {
  confineToCustomer,
  customerScope,
  inScope,
  manageableRoles,
  mayManageRole,
} from './access-policy';
import type { Role } from './principal';

describe('customerScope', () => {
  it('lets ADMIN and STAFF see every customer', () => {
    expect(customerScope({ role: 'ADMIN', customerId: null })).toEqual({ kind: 'all' });
    expect(customerScope({ role: 'STAFF', customerId: null })).toEqual({ kind: 'all' });
  });

  it('confines a CUSTOMER to its customer', () => {
    expect(customerScope({ role: 'CUSTOMER', customerId: 'c1' })).toEqual({
      kind: 'customer',
      customerId: 'c1',
    });
  });

  it('fails closed: a CUSTOMER without a customer, or an unknown role, sees nothing', () => {
    expect(customerScope({ role: 'CUSTOMER', customerId: null })).toEqual({ kind: 'none' });
    expect(customerScope({ role: 'CUSTOMER', customerId: '' })).toEqual({ kind: 'none' });
    expect(customerScope({ role: 'AUDITOR' as Role, customerId: null })).toEqual({ kind: 'none' });
  });
});

describe('inScope and confineToCustomer', () => {
  const all = { kind: 'all' } as const;
  const mine = { kind: 'customer', customerId: 'c1' } as const;
  const none = { kind: 'none' } as const;

  it('answers per customer', () => {
    expect([
      inScope(all, 'c2'),
      inScope(mine, 'c1'),
      inScope(mine, 'c2'),
      inScope(none, 'c1'),
    ]).toEqual([true, true, false, false]);
  });

  it('combines the scope with the customer asked for (null: nothing to show)', () => {
    expect(confineToCustomer(all, undefined)).toBeUndefined();
    expect(confineToCustomer(all, 'c2')).toBe('c2');
    expect(confineToCustomer(mine, undefined)).toBe('c1');
    expect(confineToCustomer(mine, 'c1')).toBe('c1');
    expect(confineToCustomer(mine, 'c2')).toBeNull();
    expect(confineToCustomer(none, undefined)).toBeNull();
    expect(confineToCustomer(none, 'c1')).toBeNull();
  });
});

describe('who manages whom', () => {
  it('ADMIN manages every role, STAFF only CUSTOMER, CUSTOMER nobody', () => {
    expect(manageableRoles({ role: 'ADMIN' })).toEqual(['ADMIN', 'STAFF', 'CUSTOMER']);
    expect(manageableRoles({ role: 'STAFF' })).toEqual(['CUSTOMER']);
    expect(manageableRoles({ role: 'CUSTOMER' })).toEqual([]);
    expect(mayManageRole({ role: 'STAFF' }, 'STAFF')).toBe(false);
  });
});
