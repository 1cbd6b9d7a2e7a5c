/**
 * The task status machine: which moves are allowed, and which need a reason. Every status change
 * goes through `checkMove`, so the API, the "complete" shortcut and any future caller agree.
 */
export const TASK_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'BLOCKED',
  'DONE',
  'NOT_APPLICABLE',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const MOVES: Record<TaskStatus, readonly TaskStatus[]> = {
  NOT_STARTED: ['IN_PROGRESS', 'BLOCKED', 'DONE', 'NOT_APPLICABLE'],
  IN_PROGRESS: ['BLOCKED', 'DONE', 'NOT_STARTED'],
  BLOCKED: ['IN_PROGRESS', 'NOT_STARTED'],
  DONE: ['IN_PROGRESS'],
  NOT_APPLICABLE: ['NOT_STARTED'],
};

/** A task in one of these statuses needs nothing more; the rest are open. */
export const CLOSED_STATUSES: readonly TaskStatus[] = ['DONE', 'NOT_APPLICABLE'];

export function isClosed(status: TaskStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The statuses a task in `from` may move to. */
export function allowedMoves(from: TaskStatus): TaskStatus[] {
  return [...MOVES[from]];
}

export function isAllowedMove(from: TaskStatus, to: TaskStatus): boolean {
  return MOVES[from].includes(to);
}

/** Blocking, declaring not applicable, and reopening finished work must be explained. */
export function moveNeedsReason(from: TaskStatus, to: TaskStatus): boolean {
  return to === 'BLOCKED' || to === 'NOT_APPLICABLE' || (from === 'DONE' && to === 'IN_PROGRESS');
}

/** A move the task may make, and whether the API will ask why. */
export interface TaskMove {
  status: TaskStatus;
  reasonRequired: boolean;
}

/** Every move from `from`, each with whether it needs a reason (for clients to offer). */
export function movesFrom(from: TaskStatus): TaskMove[] {
  return MOVES[from].map((to) => ({ status: to, reasonRequired: moveNeedsReason(from, to) }));
}

export type MoveCheck =
  | { ok: true }
  | { ok: false; problem: 'not-allowed'; allowed: TaskStatus[] }
  | { ok: false; problem: 'reason-required' };

/** Whether `from -> to` may happen with the given reason. */
export function checkMove(from: TaskStatus, to: TaskStatus, reason?: string | null): MoveCheck {
  if (!isAllowedMove(from, to))
    return { ok: false, problem: 'not-allowed', allowed: allowedMoves(from) };
  if (moveNeedsReason(from, to) && !reason?.trim())
    return { ok: false, problem: 'reason-required' };
  return { ok: true };
}
