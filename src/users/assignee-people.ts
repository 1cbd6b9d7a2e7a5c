import { isUuid } from '../common/domain/uuid';
import type { PrismaTx } from '../prisma/prisma.service';

/** A person a task is assigned to by user id, as tasks and their history show them. */
export interface AssigneePerson {
  /** Null until the person accepts their invitation and gives one. */
  name: string | null;
  email: string;
}

/** People by user id. */
export type AssigneePeople = ReadonlyMap<string, AssigneePerson>;

export const NO_PEOPLE: AssigneePeople = new Map();

/**
 * The people that `values` (assignees: free text or user ids) name by id, in one query — none when
 * no value is a user id. Only people who may appear on an engagement of `customerId` are named:
 * WSO2's (no customer) and that customer's own. Anyone else (another customer's engineer, named
 * by mistake) stays an id, so a customer reading their engagement never learns who works for
 * someone else; and nobody can look people up beyond the tasks they may read.
 */
export async function findAssigneePeople(
  db: PrismaTx,
  customerId: string,
  values: readonly unknown[],
): Promise<AssigneePeople> {
  const ids = [...new Set(values.map(assigneeUserId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return NO_PEOPLE;
  const people = await db.user.findMany({
    where: { id: { in: ids }, OR: [{ customerId: null }, { customerId }] },
    select: { id: true, name: true, email: true },
  });
  return new Map(people.map(({ id, name, email }) => [id, { name, email }]));
}

/** The user id an assignee value names (in the lower case ids are stored in), or null for free text. */
export function assigneeUserId(value: unknown): string | null {
  return isUuid(value) ? value.toLowerCase() : null;
}

/**
 * findAssigneePeople's rule as SQL, for a statement that names one assignee on its way (a task
 * write): the person (name, email) whose user id is `idParam` — a uuid, NULL for an assignee that
 * names nobody — if an engagement of `customerParam` may show them: WSO2's and that customer's own.
 */
export function assigneePersonSql(idParam: string, customerParam: string): string {
  return `SELECT u.name, u.email FROM app_user u
           WHERE u.id = ${idParam} AND (u.customer_id IS NULL OR u.customer_id = ${customerParam})`;
}

/** The person an assignee value names, or null (free text, or nobody this engagement may show). */
export function assigneePerson(
  people: AssigneePeople,
  value: string | null,
): AssigneePerson | null {
  return (value !== null && people.get(value.toLowerCase())) || null;
}
