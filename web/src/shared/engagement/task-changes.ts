import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type RequestBody, type Schema } from '@/shared/api';
import { engagementKeys, taskSaved, type Task } from './engagement-query';

export type TaskPatch = RequestBody<'/api/v1/engagements/{engagementId}/tasks/{taskKey}', 'patch'>;
export type AuditEvent = Schema<'AuditEventDto'>;

/** The fields of a task people change (and the API audits). */
export const TASK_FIELDS = ['status', 'dueDate', 'assignee', 'note'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];

export interface FieldDifference {
  field: TaskField;
  before: string | null;
  after: string | null;
}

/** Someone else changed the task between reading it and saving: what they changed, and who. */
export interface TaskConflict {
  /** The task as the person saw it. */
  base: Task;
  /** The task as it is now. */
  current: Task;
  differences: FieldDifference[];
  /** The task's latest audit event: who changed it last, when, and why. */
  lastEvent: AuditEvent | undefined;
}

/** A 412 answer, read into what changed. */
export class TaskConflictError extends Error {
  constructor(readonly conflict: TaskConflict) {
    super('Someone else changed this task since you opened it; nothing of yours was saved.');
    this.name = 'TaskConflictError';
  }
}

export type TaskChange =
  { kind: 'update'; base: Task; patch: TaskPatch } | { kind: 'complete'; base: Task };

const taskPath = (task: Task) => ({ engagementId: task.engagementId, taskKey: task.key });

export function differences(base: Task, current: Task): FieldDifference[] {
  return TASK_FIELDS.filter((field) => base[field] !== current[field]).map((field) => ({
    field,
    before: base[field],
    after: current[field],
  }));
}

async function lastEventOf(task: Task): Promise<AuditEvent | undefined> {
  let cursor: string | undefined;
  let last: AuditEvent | undefined;
  // Oldest first, in pages: the last page holds the latest change.
  for (let page = 0; page < 50; page++) {
    const history = await unwrap(
      api.GET('/api/v1/engagements/{engagementId}/tasks/{taskKey}/audit', {
        params: { path: taskPath(task), query: { limit: 200, cursor } },
      }),
    );
    last = history.items.at(-1) ?? last;
    if (!history.nextCursor) break;
    cursor = history.nextCursor;
  }
  return last;
}

async function readConflict(base: Task): Promise<TaskConflict> {
  const [current, lastEvent] = await Promise.all([
    unwrap(
      api.GET('/api/v1/engagements/{engagementId}/tasks/{taskKey}', {
        params: { path: taskPath(base) },
      }),
    ),
    // Who changed it is a courtesy: the conflict is shown without it if the history is unreadable.
    lastEventOf(base).catch(() => undefined),
  ]);
  return { base, current, differences: differences(base, current), lastEvent };
}

function send(change: TaskChange): Promise<Task> {
  const path = taskPath(change.base);
  const ifMatch = change.base.etag;
  if (change.kind === 'complete') {
    return unwrap(
      api.POST('/api/v1/engagements/{engagementId}/tasks/{taskKey}/complete', {
        params: { path },
        headers: { 'If-Match': ifMatch },
        body: {},
      }),
    );
  }
  return unwrap(
    api.PATCH('/api/v1/engagements/{engagementId}/tasks/{taskKey}', {
      params: { path, header: { 'If-Match': ifMatch } },
      body: change.patch,
    }),
  );
}

/**
 * Changes a task with the ETag it was read with. When someone else changed it meanwhile (412),
 * nothing is overwritten: `conflict` says what they changed, and `reload` shows the task as it
 * is now (the person then decides whether to change it again).
 */
export function useTaskChange() {
  const queryClient = useQueryClient();
  const [reloading, setReloading] = useState(false);
  const mutation = useMutation({
    mutationFn: async (change: TaskChange) => {
      try {
        return await send(change);
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          throw new TaskConflictError(await readConflict(change.base));
        }
        throw error;
      }
    },
    onSuccess: (saved) => taskSaved(queryClient, saved),
    // A 409 says the engagement is not as this page shows it (cancelled meanwhile, a dependency
    // reopened, the task moved on): read it again, so the page shows what is true now.
    onError: (error, change) =>
      error instanceof ApiError && error.status === 409
        ? queryClient.invalidateQueries({ queryKey: engagementKeys.one(change.base.engagementId) })
        : undefined,
  });
  const conflict =
    mutation.error instanceof TaskConflictError ? mutation.error.conflict : undefined;
  const reload = async () => {
    if (!conflict) return;
    setReloading(true);
    try {
      await taskSaved(queryClient, conflict.current);
    } finally {
      setReloading(false);
      mutation.reset();
    }
  };
  return { ...mutation, conflict, reload, reloading };
}
