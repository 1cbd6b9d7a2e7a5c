import {
  customerMayChangeTask,
  customerMayNotDecideAlone,
  decidersBesidesCustomer,
} from './task-permissions';

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

describe('customerMayNotDecideAlone', () => {
  const waive = { status: 'NOT_APPLICABLE', dueDateChanged: false };
  const redate = { dueDateChanged: true };
  const finish = { status: 'DONE', dueDateChanged: false };

  it('lets a customer waive or re-date what only the customer is accountable for', () => {
    expect(customerMayNotDecideAlone(raci(['CUSTOMER'], ['CUSTOMER']), waive)).toBeUndefined();
    expect(customerMayNotDecideAlone(raci(['WSO2'], ['CUSTOMER']), redate)).toBeUndefined();
  });

  it('refuses waiving and re-dating where WSO2 is accountable too, or alone', () => {
    const joint = raci(['WSO2', 'CUSTOMER'], ['WSO2', 'CUSTOMER']);
    expect(customerMayNotDecideAlone(joint, waive)).toBe('status');
    expect(customerMayNotDecideAlone(joint, redate)).toBe('dueDate');
    expect(customerMayNotDecideAlone(raci(['CUSTOMER'], ['WSO2']), waive)).toBe('status');
  });

  it('leaves every other change of a joint task to the customer: start, block, done', () => {
    const joint = raci(['WSO2', 'CUSTOMER'], ['WSO2', 'CUSTOMER']);
    expect(customerMayNotDecideAlone(joint, finish)).toBeUndefined();
    expect(
      customerMayNotDecideAlone(joint, { status: 'BLOCKED', dueDateChanged: false }),
    ).toBeUndefined();
  });
});

describe('decidersBesidesCustomer', () => {
  it('names the others accountable, else the others responsible, each once', () => {
    expect(decidersBesidesCustomer(raci(['CUSTOMER'], ['WSO2', 'CUSTOMER']))).toEqual(['WSO2']);
    expect(decidersBesidesCustomer(raci(['WSO2', 'WSO2', 'CUSTOMER'], ['CUSTOMER']))).toEqual([
      'WSO2',
    ]);
    expect(decidersBesidesCustomer(raci(['CUSTOMER'], ['CUSTOMER']))).toEqual([]);
  });
});
