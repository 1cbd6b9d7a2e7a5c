import { ApiError } from '@/shared/api';

/**
 * The API's refusal (409) to disable the last active admin or give them another role, in words:
 * its message under the field ("would leave no active ADMIN person") reads as code and says
 * neither why it matters nor what to do instead. Undefined for any other error.
 */
export function lastAdminRefusal(
  error: unknown,
  field: 'role' | 'status',
  who: string,
): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  if (!error.problem.errors?.some((entry) => entry.field === field)) return undefined;
  return `${who} is the only active admin left. Make someone else an admin first, so that someone can still manage people, API keys and templates.`;
}
