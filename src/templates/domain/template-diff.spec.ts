import type { TemplateDefinition, TemplateTaskDefinition } from './template-definition';
import { diffTemplates } from './template-diff';

const WSO2 = { party: 'WSO2', ifRequired: false };
const CUSTOMER = { party: 'CUSTOMER', ifRequired: false };

function task(key: string, position: number, dependsOn: string[] = []): TemplateTaskDefinition {
  return {
    key,
    position,
    title: `Task ${key}`,
    checklist: [{ text: 'Do it', tiers: null }],
    raci: { responsible: [WSO2], accountable: [WSO2, CUSTOMER], consulted: [], informed: [] },
    dueOffsetDays: position * 5,
    dependsOn,
  };
}

const base = (): TemplateDefinition => ({
  name: 'Model',
  description: 'A model',
  parties: ['WSO2', 'CUSTOMER'],
  allowedCloudProviders: null,
  tasks: [task('a', 1), task('b', 2, ['a']), task('c', 3, ['a', 'b'])],
});

describe('diffTemplates', () => {
  it('finds nothing between equal versions', () => {
    expect(diffTemplates(base(), base())).toEqual({
      template: {},
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('ignores the order of sets: dependencies, RACI entries, parties, tiers', () => {
    const after = base();
    after.parties = ['CUSTOMER', 'WSO2'];
    after.tasks[2].dependsOn = ['b', 'a'];
    after.tasks[0].raci.accountable = [CUSTOMER, WSO2];
    const before = base();
    before.tasks[1].checklist = [{ text: 'x', tiers: ['STANDARD', 'PREMIUM'] }];
    after.tasks[1].checklist = [{ text: 'x', tiers: ['PREMIUM', 'STANDARD'] }];
    expect(diffTemplates(before, after)).toEqual({
      template: {},
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('reports template fields, added, removed and changed tasks with before and after', () => {
    const after = base();
    after.name = 'Model v2';
    after.allowedCloudProviders = ['AWS'];
    const d = task('d', 3, ['b']);
    after.tasks = [
      { ...after.tasks[0], title: 'Renamed', checklist: [] },
      { ...after.tasks[1], raci: { ...after.tasks[1].raci, informed: [CUSTOMER] } },
      d,
      { ...after.tasks[2], position: 4, dueOffsetDays: 30, dependsOn: ['d'] },
    ].filter((t) => t.key !== 'c');
    expect(diffTemplates(base(), after)).toEqual({
      template: {
        name: { before: 'Model', after: 'Model v2' },
        allowedCloudProviders: { before: null, after: ['AWS'] },
      },
      added: [d],
      removed: [base().tasks[2]],
      changed: [
        {
          key: 'a',
          fields: {
            title: { before: 'Task a', after: 'Renamed' },
            checklist: { before: [{ text: 'Do it', tiers: null }], after: [] },
          },
        },
        {
          key: 'b',
          fields: {
            raci: {
              before: base().tasks[1].raci,
              after: { ...base().tasks[1].raci, informed: [CUSTOMER] },
            },
          },
        },
      ],
    });
  });

  it('reports position, offset, dependency and checklist-order changes', () => {
    const before = base();
    before.tasks[0].checklist = [
      { text: 'one', tiers: null },
      { text: 'two', tiers: null },
    ];
    const after = base();
    after.tasks[0].checklist = [
      { text: 'two', tiers: null },
      { text: 'one', tiers: null },
    ];
    after.tasks[1] = { ...after.tasks[1], position: 3, dueOffsetDays: 15 };
    after.tasks[2] = { ...after.tasks[2], position: 2, dependsOn: ['a'] };
    const diff = diffTemplates(before, after);
    expect(diff.changed).toEqual([
      {
        key: 'a',
        fields: {
          checklist: { before: before.tasks[0].checklist, after: after.tasks[0].checklist },
        },
      },
      {
        key: 'c',
        fields: {
          position: { before: 3, after: 2 },
          dependsOn: { before: ['a', 'b'], after: ['a'] },
        },
      },
      {
        key: 'b',
        fields: {
          position: { before: 2, after: 3 },
          dueOffsetDays: { before: 10, after: 15 },
        },
      },
    ]);
  });

  it('is the mirror image when the versions are swapped', () => {
    const after = base();
    after.tasks = after.tasks.slice(0, 2);
    expect(diffTemplates(after, base())).toMatchObject({ added: [base().tasks[2]], removed: [] });
    expect(diffTemplates(base(), after)).toMatchObject({ added: [], removed: [base().tasks[2]] });
  });
});
