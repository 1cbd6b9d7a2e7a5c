import { dependentMoves, openDependencies, type PlannedTask } from './task-dependencies';

describe('openDependencies', () => {
  const tasks = [
    { key: 'a', status: 'DONE' as const },
    { key: 'b', status: 'NOT_APPLICABLE' as const },
    { key: 'c', status: 'IN_PROGRESS' as const },
    { key: 'd', status: 'NOT_STARTED' as const },
    { key: 'e', status: 'BLOCKED' as const },
  ];

  it('is empty without dependencies', () => {
    expect(openDependencies([], tasks)).toEqual([]);
  });

  it('accepts DONE and NOT_APPLICABLE dependencies', () => {
    expect(openDependencies(['a', 'b'], tasks)).toEqual([]);
  });

  it('names every open dependency in dependsOn order', () => {
    expect(openDependencies(['e', 'a', 'c', 'd', 'b'], tasks)).toEqual(['e', 'c', 'd']);
  });

  it('treats an unknown key as open', () => {
    expect(openDependencies(['a', 'zz'], tasks)).toEqual(['zz']);
  });
});

describe('dependentMoves', () => {
  // The tester's engagement: each step waits for the one before, a few days apart.
  const plan = (overrides: Partial<Record<string, Partial<PlannedTask>>> = {}): PlannedTask[] =>
    [
      { key: 'remote-access', status: 'IN_PROGRESS', dueDate: '2026-11-20', dependsOn: [] },
      {
        key: 'network',
        status: 'NOT_STARTED',
        dueDate: '2026-11-27',
        dependsOn: ['remote-access'],
      },
      { key: 'firewall', status: 'NOT_STARTED', dueDate: '2026-11-30', dependsOn: ['network'] },
      {
        key: 'provisioning',
        status: 'NOT_STARTED',
        dueDate: '2026-12-20',
        dependsOn: ['firewall'],
      },
      { key: 'monitoring', status: 'NOT_STARTED', dueDate: '2026-11-22', dependsOn: [] },
    ].map((task) => ({ ...task, ...overrides[task.key] }) as PlannedTask);
  const move = (to: string, tasks = plan(), status: PlannedTask['status'] = 'IN_PROGRESS') =>
    dependentMoves({ key: 'remote-access', status, from: '2026-11-20', to }, tasks);

  it('moves the tasks that would be due before what they wait for by as many days, transitively', () => {
    expect(move('2026-12-04')).toEqual([
      { key: 'network', from: '2026-11-27', to: '2026-12-11' },
      { key: 'firewall', from: '2026-11-30', to: '2026-12-14' },
    ]);
  });

  it('leaves a dependent with time in hand where it is, and what waits only for it', () => {
    // Network management is still due after the new date: nothing moves.
    expect(move('2026-11-27')).toEqual([]);
    expect(move('2026-11-25')).toEqual([]);
    // One day later than it: network and firewall move by 8, provisioning (20 Dec) absorbs it.
    expect(move('2026-11-28')).toEqual([
      { key: 'network', from: '2026-11-27', to: '2026-12-05' },
      { key: 'firewall', from: '2026-11-30', to: '2026-12-08' },
    ]);
  });

  it('moves the whole chain when nothing absorbs it', () => {
    expect(move('2027-01-04').map((m) => [m.key, m.to])).toEqual([
      ['network', '2027-01-11'],
      ['firewall', '2027-01-14'],
      ['provisioning', '2027-02-03'],
    ]);
  });

  it('moves nothing for an earlier date, or the same one', () => {
    expect(move('2026-11-10')).toEqual([]);
    expect(move('2026-11-20')).toEqual([]);
  });

  it('never moves a closed task, and does not move on through it', () => {
    const done = plan({ network: { status: 'DONE' } });
    expect(move('2026-12-04', done)).toEqual([]);
    const waived = plan({ firewall: { status: 'NOT_APPLICABLE' } });
    expect(move('2026-12-04', waived)).toEqual([
      { key: 'network', from: '2026-11-27', to: '2026-12-11' },
    ]);
  });

  it('moves nothing when the task moved is closed: nothing waits for it any more', () => {
    expect(move('2026-12-04', plan(), 'DONE')).toEqual([]);
    expect(move('2026-12-04', plan(), 'NOT_APPLICABLE')).toEqual([]);
  });

  it('moves a task waiting for two once, when either would leave it early', () => {
    const tasks = plan({
      provisioning: { dueDate: '2026-12-01', dependsOn: ['firewall', 'remote-access'] },
    });
    expect(move('2026-12-04', tasks).map((m) => [m.key, m.to])).toEqual([
      ['network', '2026-12-11'],
      ['firewall', '2026-12-14'],
      ['provisioning', '2026-12-15'],
    ]);
  });

  it('ends on a cycle of dependencies', () => {
    const tasks = plan({ 'remote-access': { dependsOn: ['firewall'] } });
    expect(move('2026-12-04', tasks)).toHaveLength(2);
  });
});
