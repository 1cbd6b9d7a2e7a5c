import type { Schema } from '@/shared/api';

export type AssigneeUser = Schema<'AssigneeUserDto'>;

/**
 * Who a task is assigned to, as people read it: "Ana Silva (ana@acme.example)" when the assignee
 * is a person's user id the API named, else the free text as written.
 */
export function assigneeText(assignee: string, person: AssigneeUser | null | undefined): string {
  if (!person) return assignee;
  // Someone who gave no name goes by their email: said once, not "ana@… (ana@…)".
  return person.name && person.name !== person.email
    ? `${person.name} (${person.email})`
    : person.email;
}
