import { openDependencies } from './task-dependencies';

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
