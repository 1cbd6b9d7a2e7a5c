import type { Ref } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { TimelineEntry } from '@/shared/ui/TimelineEntry';
import type { Task } from '@/shared/engagement/engagement-query';
import { useEngagementHistory, useTemplates } from './engagements-api';
import {
  actionText,
  changeLines,
  taskPreposition,
  type AuditEvent,
  type HistoryNames,
} from './history-format';

/** The history filter lives in the URL (`?history=<task key>`), so a task's history is linkable. */
export const HISTORY_PARAM = 'history';
/** `?historyOrder=newest` lists the latest changes first; oldest first otherwise. */
const ORDER_PARAM = 'historyOrder';

function HistoryEntry({
  event,
  titles,
  names,
}: {
  event: AuditEvent;
  titles: ReadonlyMap<string, string>;
  names: HistoryNames;
}) {
  // What a creation set has no "before".
  const created = event.action.endsWith('.created');
  const lines = changeLines(event, names).map((line) =>
    created ? { ...line, from: undefined } : line,
  );
  return (
    <TimelineEntry at={event.at} actor={event.actor} lines={lines} reason={event.reason}>
      {actionText(event.action)}
      {event.taskKey && (
        <>
          {' '}
          {taskPreposition(event.action)}
          <a href={`#task-${event.taskKey}`}>{titles.get(event.taskKey) ?? event.taskKey}</a>
        </>
      )}
    </TimelineEntry>
  );
}

interface Props {
  engagementId: string;
  tasks: Task[];
  /** The section's heading, for moving focus to it. */
  ref?: Ref<HTMLHeadingElement>;
}

/**
 * Who changed what and when (and why), oldest or newest first; optionally one task's events only.
 */
export function EngagementHistory({ engagementId, tasks, ref: heading }: Props) {
  const [params, setParams] = useSearchParams();
  const taskKey = params.get(HISTORY_PARAM) ?? undefined;
  const order = params.get(ORDER_PARAM) === 'newest' ? 'newest' : 'oldest';
  const history = useEngagementHistory(engagementId, taskKey, order);
  const titles = new Map(tasks.map((t) => [t.key, t.title]));
  const templates = useTemplates();
  const names: HistoryNames = {
    templates: new Map((templates.data ?? []).map((t) => [t.key, t.name])),
  };
  const events = history.data?.pages.flatMap((page) => page.items) ?? [];

  /** Sets (or, with an empty value, removes) a parameter of the address, in place. */
  const choose = (param: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(param, value);
        else next.delete(param);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );

  return (
    <section id="history" className="history" aria-labelledby="history-heading">
      <h2 id="history-heading" ref={heading} tabIndex={-1}>
        History
      </h2>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="history-task">Show</label>
          <select
            id="history-task"
            value={taskKey ?? ''}
            onChange={(e) => choose(HISTORY_PARAM, e.target.value)}
          >
            <option value="">Everything</option>
            {tasks.map((t) => (
              <option key={t.key} value={t.key}>
                {t.position}. {t.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="history-order">Order</label>
          <select
            id="history-order"
            value={order}
            onChange={(e) => choose(ORDER_PARAM, e.target.value === 'newest' ? 'newest' : '')}
          >
            <option value="oldest">Oldest first</option>
            <option value="newest">Newest first</option>
          </select>
        </div>
      </div>
      <ErrorNotice error={history.error} title="Could not load the history" />
      {history.isPending && <Loading />}
      {history.data && events.length === 0 && (
        <p className="empty">
          {taskKey ? 'Nothing has happened to this task yet.' : 'No history yet.'}
        </p>
      )}
      <ol className="timeline" aria-label={`Changes, ${order} first`}>
        {events.map((event) => (
          <HistoryEntry key={event.id} event={event} titles={titles} names={names} />
        ))}
      </ol>
      {history.hasNextPage && (
        <button
          type="button"
          onClick={() => void history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          {order === 'newest' ? 'Show earlier changes' : 'Show later changes'}
        </button>
      )}
    </section>
  );
}
