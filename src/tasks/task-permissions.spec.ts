import { customerMayChangeTask } from './task-permissions';

const entry = (party: string, ifRequired = false) => ({ party, ifRequired });
const raci = (r: string[], a: string[], c: string[] = [], i: string[] = []) => ({
  responsible: r.map((p) => entry(p)),
  accountable: a.map((p) => entry(p)),
  consulted: c.map((p) => entry(p)),
  informed: i.map((p) => entry(p)),
});

describe('customerMayChangeTask', () => {
  it('allows when the customer is responsible or accountable (alone or jointly)', () => {
    expect(customerMayChangeTask(raci(['CUSTOMER'], ['CUSTOMER']))).toBe(true);
    expect(customerMayChangeTask(raci(['WSO2', 'CUSTOMER'], ['WSO2', 'CUSTOMER']))).toBe(true);
    expect(customerMayChangeTask(raci(['CUSTOMER'], ['WSO2']))).toBe(true);
    expect(customerMayChangeTask(raci(['WSO2'], ['CUSTOMER']))).toBe(true);
  });

  it('refuses when the customer is only consulted or informed', () => {
    expect(customerMayChangeTask(raci(['WSO2'], ['WSO2'], ['CUSTOMER'], ['CUSTOMER']))).toBe(false);
    expect(customerMayChangeTask(raci([], []))).toBe(false);
  });
});
