import type { FieldProblem } from '../../common/errors/domain-errors';
import { RACI_ROLES, SECURITY_TIERS, TemplateDefinition } from './template-definition';

/**
 * The business rules of a template, checked on data whose shape is already valid. Every problem is
 * reported with the path of the offending field, e.g. `tasks[3].dependsOn[0]`.
 */
export function validateTemplate(template: TemplateDefinition): FieldProblem[] {
  return [
    ...checkParties(template),
    ...checkCloudProviders(template),
    ...checkTaskIdentity(template),
    ...template.tasks.flatMap((task, i) => [
      ...checkRaci(template, i),
      ...checkChecklist(template, i),
    ]),
    ...checkDependencies(template),
  ];
}

/** Paths of entries whose value already appeared earlier in the list. */
function duplicates<T>(
  values: T[],
  path: (index: number) => string,
  message: (value: T, firstIndex: number) => string,
): FieldProblem[] {
  const seen = new Map<T, number>();
  const problems: FieldProblem[] = [];
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else problems.push({ field: path(index), message: message(value, first) });
  });
  return problems;
}

function checkParties({ parties }: TemplateDefinition): FieldProblem[] {
  if (parties.length === 0) return [{ field: 'parties', message: 'must list at least one party' }];
  return duplicates(
    parties,
    (i) => `parties[${i}]`,
    (party) => `lists ${party} more than once`,
  );
}

function checkCloudProviders({ allowedCloudProviders }: TemplateDefinition): FieldProblem[] {
  if (allowedCloudProviders === null) return [];
  if (allowedCloudProviders.length === 0) {
    return [
      {
        field: 'allowedCloudProviders',
        message: 'must be null (any provider) or list at least one provider',
      },
    ];
  }
  return duplicates(
    allowedCloudProviders,
    (i) => `allowedCloudProviders[${i}]`,
    (provider) => `lists ${provider} more than once`,
  );
}

function checkTaskIdentity({ tasks }: TemplateDefinition): FieldProblem[] {
  if (tasks.length === 0) return [{ field: 'tasks', message: 'must contain at least one task' }];
  const n = tasks.length;
  const outOfRange = tasks.flatMap((task, i) =>
    task.position >= 1 && task.position <= n
      ? []
      : [
          {
            field: `tasks[${i}].position`,
            message: `must be between 1 and ${n} (there are ${n} tasks)`,
          },
        ],
  );
  return [
    ...duplicates(
      tasks.map((t) => t.key),
      (i) => `tasks[${i}].key`,
      (key, first) => `duplicates the key "${key}" of tasks[${first}]`,
    ),
    ...outOfRange,
    // n positions, each within 1..n and none repeated: together they are exactly 1..n.
    ...duplicates(
      tasks.map((t) => t.position),
      (i) => `tasks[${i}].position`,
      (position, first) => `duplicates position ${position} of tasks[${first}]`,
    ),
  ];
}

function checkRaci({ parties, tasks }: TemplateDefinition, i: number): FieldProblem[] {
  const { raci } = tasks[i];
  const problems: FieldProblem[] = [];
  if (!raci.accountable.some((entry) => !entry.ifRequired)) {
    problems.push({
      field: `tasks[${i}].raci.accountable`,
      message: 'must name at least one party that is accountable unconditionally',
    });
  }
  for (const role of RACI_ROLES) {
    raci[role].forEach((entry, j) => {
      if (!parties.includes(entry.party)) {
        problems.push({
          field: `tasks[${i}].raci.${role}[${j}].party`,
          message: `"${entry.party}" is not one of the template's parties (${parties.join(', ')})`,
        });
      }
    });
    problems.push(
      ...duplicates(
        raci[role].map((entry) => entry.party),
        (j) => `tasks[${i}].raci.${role}[${j}].party`,
        (party) => `names ${party} more than once`,
      ),
    );
  }
  return problems;
}

function checkChecklist({ tasks }: TemplateDefinition, i: number): FieldProblem[] {
  return tasks[i].checklist.flatMap((item, j) => {
    const path = `tasks[${i}].checklist[${j}].tiers`;
    if (item.tiers === null) return [];
    if (item.tiers.length === 0) {
      return [{ field: path, message: 'must be null (every tier) or list at least one tier' }];
    }
    const unknown = item.tiers.flatMap((tier, k) =>
      (SECURITY_TIERS as readonly string[]).includes(tier)
        ? []
        : [{ field: `${path}[${k}]`, message: `must be one of ${SECURITY_TIERS.join(', ')}` }],
    );
    return [
      ...unknown,
      ...duplicates(
        item.tiers,
        (k) => `${path}[${k}]`,
        (tier) => `lists ${tier} more than once`,
      ),
    ];
  });
}

function checkDependencies({ tasks }: TemplateDefinition): FieldProblem[] {
  const indexByKey = new Map<string, number>();
  tasks.forEach((task, i) => {
    if (!indexByKey.has(task.key)) indexByKey.set(task.key, i);
  });
  const problems: FieldProblem[] = [];
  tasks.forEach((task, i) => {
    task.dependsOn.forEach((dependency, k) => {
      const field = `tasks[${i}].dependsOn[${k}]`;
      const target = indexByKey.get(dependency);
      if (dependency === task.key) {
        problems.push({ field, message: 'a task cannot depend on itself' });
      } else if (target === undefined) {
        problems.push({
          field,
          message: `refers to "${dependency}", which is no task of this template`,
        });
      } else if (tasks[target].dueOffsetDays > task.dueOffsetDays) {
        problems.push({
          field: `tasks[${i}].dueOffsetDays`,
          message:
            `must not be earlier than the due offset of its prerequisite "${dependency}" ` +
            `(${tasks[target].dueOffsetDays} days)`,
        });
      }
    });
    problems.push(
      ...duplicates(
        task.dependsOn,
        (k) => `tasks[${i}].dependsOn[${k}]`,
        (dependency) => `lists "${dependency}" more than once`,
      ),
    );
  });
  return [...problems, ...findCycles(tasks, indexByKey)];
}

/** One problem per dependency edge that closes a cycle, naming the whole cycle. */
function findCycles(
  tasks: TemplateDefinition['tasks'],
  indexByKey: Map<string, number>,
): FieldProblem[] {
  const state = new Array<'new' | 'active' | 'done'>(tasks.length).fill('new');
  const stack: number[] = [];
  const problems: FieldProblem[] = [];
  const visit = (i: number): void => {
    state[i] = 'active';
    stack.push(i);
    tasks[i].dependsOn.forEach((dependency, k) => {
      const target = indexByKey.get(dependency);
      if (target === undefined || target === i) return; // reported as unknown / self-dependency
      if (state[target] === 'active') {
        const cycle = stack.slice(stack.indexOf(target)).map((t) => tasks[t].key);
        problems.push({
          field: `tasks[${i}].dependsOn[${k}]`,
          message: `forms a dependency cycle: ${[...cycle, tasks[target].key].join(' -> ')}`,
        });
      } else if (state[target] === 'new') {
        visit(target);
      }
    });
    stack.pop();
    state[i] = 'done';
  };
  tasks.forEach((_, i) => {
    if (state[i] === 'new') visit(i);
  });
  return problems;
}
