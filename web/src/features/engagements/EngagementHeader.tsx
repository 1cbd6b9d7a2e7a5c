import { Link } from 'react-router';
import { formatDate, pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { partiesOf } from '@/shared/engagement/parties';
import { ProgressBar } from '@/shared/ui/ProgressBar';

/** What the engagement is, how far it got, and who the primary contacts are. */
interface Props {
  engagement: Engagement;
  /** The model's name, when known. */
  templateName: string | undefined;
  /** Whether to link to the engagement's escalation notifications (only WSO2's people see them). */
  linkNotifications: boolean;
}

export function EngagementHeader({ engagement: e, templateName, linkNotifications }: Props) {
  const { progress } = e;
  const finished = progress.done + progress.notApplicable;
  return (
    <div className="engagement-header">
      <dl className="facts">
        <dt>Customer</dt>
        <dd>{e.customerName}</dd>
        <dt>Model</dt>
        <dd>
          <Link to={`/templates/${e.templateKey}?version=${e.templateVersion}`}>
            {templateName ?? e.templateKey}
          </Link>{' '}
          (version {e.templateVersion})
        </dd>
        <dt>Cloud</dt>
        <dd>{label(e.cloudProvider)}</dd>
        <dt>Security tier</dt>
        <dd>{label(e.securityTier)}</dd>
        <dt>Start date</dt>
        <dd>{formatDate(e.startDate)}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-${e.status.toLowerCase()}`}>{label(e.status)}</span>
          {e.cancelReason && <span className="muted"> — {e.cancelReason}</span>}
        </dd>
      </dl>
      <section className="engagement-progress" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <ProgressBar percent={progress.percent} label="Tasks finished" />
        <p>
          {finished} of {pluralize(progress.total, 'task')} finished
          {progress.notApplicable > 0 && ` (${progress.notApplicable} not applicable)`}.
          {e.overdueCount > 0 && (
            <>
              {' '}
              <span className="overdue">{pluralize(e.overdueCount, 'task')} late.</span>
            </>
          )}
        </p>
        {linkNotifications && (
          <p>
            <Link to={`/admin/notifications?engagementId=${e.id}`}>
              Escalation notifications about this engagement
            </Link>
          </p>
        )}
        {e.nextDueTask && (
          <p>
            Next due: <a href={`#task-${e.nextDueTask.key}`}>{e.nextDueTask.title}</a>,{' '}
            {formatDate(e.nextDueTask.dueDate)}
          </p>
        )}
      </section>
      <section className="engagement-contacts" aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">Primary contacts</h2>
        <ul className="plain-list">
          {partiesOf(e).map((party) => {
            const primary = e.contacts.find((c) => c.party === party && c.primary);
            const others = e.contacts.filter((c) => c.party === party && !c.primary);
            return (
              <li key={party}>
                <strong>{label(party)}:</strong>
                {primary ? (
                  <span>
                    {primary.name} <a href={`mailto:${primary.email}`}>{primary.email}</a>
                  </span>
                ) : (
                  <span className="nobody">no primary contact named</span>
                )}
                {others.length > 0 && (
                  <span className="muted small">
                    also {others.map((c) => `${c.name} (${c.email})`).join(', ')}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
