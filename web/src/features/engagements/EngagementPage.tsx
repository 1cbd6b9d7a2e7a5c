import { Link, useParams } from 'react-router';
import { formatDate } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { ProgressBar } from '@/shared/ui/ProgressBar';
import { useEngagement } from './engagements-api';

/** The engagement workspace. For now: what the engagement is, and its tasks. */
export default function EngagementPage() {
  const { id = '' } = useParams();
  const engagement = useEngagement(id);
  if (engagement.isPending) return <Loading />;
  if (engagement.error) {
    return (
      <>
        <PageHeader title="Engagement" />
        <ErrorNotice error={engagement.error} />
      </>
    );
  }
  const e = engagement.data;
  return (
    <>
      <PageHeader title={e.name} />
      <dl className="facts">
        <dt>Customer</dt>
        <dd>{e.customerName}</dd>
        <dt>Model</dt>
        <dd>
          <Link to={`/templates/${e.templateKey}`}>{e.templateKey}</Link> (version{' '}
          {e.templateVersion})
        </dd>
        <dt>Cloud</dt>
        <dd>{label(e.cloudProvider)}</dd>
        <dt>Security tier</dt>
        <dd>{label(e.securityTier)}</dd>
        <dt>Start date</dt>
        <dd>{formatDate(e.startDate)}</dd>
        <dt>Status</dt>
        <dd>{label(e.status)}</dd>
        <dt>Progress</dt>
        <dd>
          <ProgressBar percent={e.progress.percent} label="Progress" />
        </dd>
      </dl>
      <h2>Tasks</h2>
      <ol className="task-list">
        {e.tasks.map((t) => (
          <li key={t.key}>
            {t.title} <span className="muted">· due {formatDate(t.dueDate)} ·</span>{' '}
            <span className={t.overdue ? 'overdue' : undefined}>
              {label(t.status)}
              {t.overdue && ' (overdue)'}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
