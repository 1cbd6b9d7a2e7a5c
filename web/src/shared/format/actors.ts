import type { Schema } from '@/shared/api';

export type Actor = Schema<'AuditActorDto'>;

/** Who did it: a person's name, an API key's name, or the service itself. */
export function actorText(actor: Actor): string {
  if (actor.kind === 'key') return `${actor.name} (API key)`;
  if (actor.kind === 'system') return `The service (${actor.name.replace(/^system:/, '')})`;
  return actor.name;
}
