import type { ReactNode } from 'react';
import { actorText, type Actor } from '@/shared/format/actors';
import { formatDateTime } from '@/shared/format/dates';

export interface ChangeLine {
  field: string;
  /** Undefined for a line that states a value rather than replacing one. */
  from?: string;
  to: string;
}

interface Props {
  at: string;
  actor: Actor;
  /** What they did, after the actor: "Changed the status of …". */
  children: ReactNode;
  lines?: ChangeLine[];
  /** Why, when the change was given a reason. */
  reason?: string | null;
}

/** One event of a history (an engagement's, a person's account's): when, who, what, how. */
export function TimelineEntry({ at, actor, children, lines = [], reason }: Props) {
  return (
    <li className="timeline-entry">
      <p className="timeline-when">
        <time dateTime={at}>{formatDateTime(at)}</time>
      </p>
      <p>
        <strong>{actorText(actor)}</strong> · {children}
      </p>
      {lines.length > 0 && (
        <ul className="timeline-changes">
          {lines.map((line) => (
            <li key={line.field}>
              {line.field}: {line.from === undefined ? line.to : `${line.from} → ${line.to}`}
            </li>
          ))}
        </ul>
      )}
      {reason && <p className="timeline-reason">Reason: {reason}</p>}
    </li>
  );
}
