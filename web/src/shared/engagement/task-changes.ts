import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type RequestBody } from '@/shared/api';
import { engagementKeys, taskSaved, type Task } from './engagement-query';
import { ConflictError, lastEventOf, sendUnlessStale, type AuditEvent } from './stale-change';

export type TaskPatch = RequestBody<'/api/v1/engagements/{engagementId}/tasks/{taskKey}', 'patch'>;

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

async function readConflict(base: Task): Promise<TaskConflict> {
  const [current, lastEvent] = await Promise.all([
    unwrap(
      api.GET('/api/v1/engagements/{engagementId}/tasks/{taskKey}', {
        params: { path: taskPath(base) },
      }),
    ),
    lastEventOf((query) =>
      unwrap(
        api.GET('/api/v1/engagements/{engagementId}/tasks/{taskKey}/audit', {
          params: { path: taskPath(base), query },
        }),
      ),
    ),
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
    mutationFn: (change: TaskChange) =>
      sendUnlessStale(
        () => send(change),
        () => readConflict(change.base),
      ),
    onSuccess: (saved) => taskSaved(queryClient, saved),
    // A 409 says the engagement is not as this page shows it (cancelled meanwhile, a dependency
    // reopened, the task moved on), and so does a 422 naming tasks a new date would move that the
    // page did not (one moved earlier meanwhile): read it again, so the page shows what is true now.
    onError: (error, change) =>
      error instanceof ApiError && (error.status === 409 || error.problem.dependentMoves?.length)
        ? queryClient.invalidateQueries({ queryKey: engagementKeys.one(change.base.engagementId) })
        : undefined,
  });
  const conflict =
    mutation.error instanceof ConflictError ? (mutation.error.conflict as TaskConflict) : undefined;
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
