import type { TemplateDefinition, TemplateTaskDefinition } from './template-definition';
import { validateTemplate } from './template-validation';

const WSO2 = { party: 'WSO2', ifRequired: false };
const CUSTOMER = { party: 'CUSTOMER', ifRequired: false };

function task(key: string, position: number, dependsOn: string[] = []): TemplateTaskDefinition {
  return {
    key,
    position,
    title: `Task ${key}`,
    checklist: [{ text: 'Do it', tiers: null }],
    raci: { responsible: [WSO2], accountable: [WSO2], consulted: [CUSTOMER], informed: [] },
    dueOffsetDays: position * 5,
    dependsOn,
  };
}

function template(tasks = [task('a', 1), task('b', 2, ['a']), task('c', 3, ['b'])]) {
  return {
    name: 'Model',
    description: null,
    parties: ['WSO2', 'CUSTOMER'],
    allowedCloudProviders: null,
    tasks,
  } satisfies TemplateDefinition;
}

describe('validateTemplate', () => {
  it('accepts a valid template', () => {
    expect(validateTemplate(template())).toEqual([]);
    expect(validateTemplate({ ...template(), allowedCloudProviders: ['AWS'] })).toEqual([]);
  });

  it('requires at least one task and one party', () => {
    expect(validateTemplate({ ...template([]), parties: [] })).toEqual([
      { field: 'parties', message: 'must list at least one party' },
      { field: 'tasks', message: 'must contain at least one task' },
    ]);
  });

  it('refuses repeated parties and an empty or repeated provider list', () => {
    expect(validateTemplate({ ...template(), parties: ['WSO2', 'CUSTOMER', 'WSO2'] })).toEqual([
      { field: 'parties[2]', message: 'lists WSO2 more than once' },
    ]);
    expect(validateTemplate({ ...template(), allowedCloudProviders: [] })).toEqual([
      {
        field: 'allowedCloudProviders',
        message: 'must be null (any provider) or list at least one provider',
      },
    ]);
    expect(validateTemplate({ ...template(), allowedCloudProviders: ['AWS', 'AWS'] })).toEqual([
      { field: 'allowedCloudProviders[1]', message: 'lists AWS more than once' },
    ]);
  });

  it('refuses duplicate task keys', () => {
    const t = template([task('a', 1), task('b', 2), task('a', 3)]);
    expect(validateTemplate(t)).toEqual([
      { field: 'tasks[2].key', message: 'duplicates the key "a" of tasks[0]' },
    ]);
  });

  it('requires positions to be exactly 1..n', () => {
    expect(validateTemplate(template([task('a', 1), task('b', 3)]))).toEqual([
      { field: 'tasks[1].position', message: 'must be between 1 and 2 (there are 2 tasks)' },
    ]);
    expect(validateTemplate(template([task('a', 2), task('b', 2)]))).toEqual([
      { field: 'tasks[1].position', message: 'duplicates position 2 of tasks[0]' },
    ]);
    expect(validateTemplate(template([task('a', 0)]))).toEqual([
      { field: 'tasks[0].position', message: 'must be between 1 and 1 (there are 1 tasks)' },
    ]);
  });

  it('accepts tasks listed out of position order', () => {
    expect(validateTemplate(template([task('b', 2, ['a']), task('a', 1)]))).toEqual([]);
  });

  it('requires an unconditionally accountable party', () => {
    const noOne = task('a', 1);
    noOne.raci.accountable = [];
    const onlyIfRequired = task('b', 2);
    onlyIfRequired.raci.accountable = [{ party: 'WSO2', ifRequired: true }];
    const message = 'must name at least one party that is accountable unconditionally';
    expect(validateTemplate(template([noOne, onlyIfRequired]))).toEqual([
      { field: 'tasks[0].raci.accountable', message },
      { field: 'tasks[1].raci.accountable', message },
    ]);
  });

  it('refuses RACI parties the template does not list, and a party twice in one role', () => {
    const t = task('a', 1);
    t.raci.consulted = [CUSTOMER, { party: 'PARTNER', ifRequired: true }];
    t.raci.informed = [WSO2, { party: 'WSO2', ifRequired: true }];
    expect(validateTemplate(template([t]))).toEqual([
      {
        field: 'tasks[0].raci.consulted[1].party',
        message: `"PARTNER" is not one of the template's parties (WSO2, CUSTOMER)`,
      },
      { field: 'tasks[0].raci.informed[1].party', message: 'names WSO2 more than once' },
    ]);
  });

  it('lets a template define its own parties', () => {
    const t = task('a', 1);
    t.raci.consulted = [{ party: 'PARTNER', ifRequired: false }];
    expect(
      validateTemplate({ ...template([t]), parties: ['WSO2', 'CUSTOMER', 'PARTNER'] }),
    ).toEqual([]);
  });

  it('accepts only known, distinct, non-empty tier lists', () => {
    const t = task('a', 1);
    t.checklist = [
      { text: 'always', tiers: null },
      { text: 'basic', tiers: ['BASIC'] },
      { text: 'gold', tiers: ['STANDARD', 'GOLD' as never] },
      { text: 'none', tiers: [] },
      { text: 'twice', tiers: ['PREMIUM', 'PREMIUM'] },
    ];
    expect(validateTemplate(template([t]))).toEqual([
      {
        field: 'tasks[0].checklist[2].tiers[1]',
        message: 'must be one of BASIC, STANDARD, PREMIUM',
      },
      {
        field: 'tasks[0].checklist[3].tiers',
        message: 'must be null (every tier) or list at least one tier',
      },
      { field: 'tasks[0].checklist[4].tiers[1]', message: 'lists PREMIUM more than once' },
    ]);
  });

  it('refuses unknown, self and repeated dependencies', () => {
    const t = template([task('a', 1, ['a']), task('b', 2, ['a', 'zz', 'a'])]);
    expect(validateTemplate(t)).toEqual([
      { field: 'tasks[0].dependsOn[0]', message: 'a task cannot depend on itself' },
      {
        field: 'tasks[1].dependsOn[1]',
        message: 'refers to "zz", which is no task of this template',
      },
      { field: 'tasks[1].dependsOn[2]', message: 'lists "a" more than once' },
    ]);
  });

  it('refuses a task due before its prerequisite', () => {
    const early = task('b', 2, ['a']);
    early.dueOffsetDays = 3;
    expect(validateTemplate(template([task('a', 1), early]))).toEqual([
      {
        field: 'tasks[1].dueOffsetDays',
        message: 'must not be earlier than the due offset of its prerequisite "a" (5 days)',
      },
    ]);
  });

  it('refuses dependency cycles and names the cycle', () => {
    const a = task('a', 1, ['c']);
    const b = task('b', 2, ['a']);
    const c = task('c', 3, ['b']);
    for (const t of [a, b, c]) t.dueOffsetDays = 10;
    expect(validateTemplate(template([a, b, c]))).toEqual([
      { field: 'tasks[1].dependsOn[0]', message: 'forms a dependency cycle: a -> c -> b -> a' },
    ]);
  });

  it('reports two independent cycles separately', () => {
    const tasks = [
      task('a', 1, ['b']),
      task('b', 2, ['a']),
      task('c', 3, ['d']),
      task('d', 4, ['c']),
    ];
    for (const t of tasks) t.dueOffsetDays = 10;
    expect(validateTemplate(template(tasks)).map((p) => p.field)).toEqual([
      'tasks[1].dependsOn[0]',
      'tasks[3].dependsOn[0]',
    ]);
  });
});
