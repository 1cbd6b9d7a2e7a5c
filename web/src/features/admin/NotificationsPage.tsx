import { Link, useSearchParams } from 'react-router';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '@/shared/api';
import { formatDate, formatDateTime, pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { FilterSelect, labelledOptions } from '@/shared/ui/FilterSelect';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { Pager } from '@/shared/ui/Pager';
import { useCursorPages } from '@/shared/ui/useCursorPages';
import { AdminNav } from './AdminNav';
import { useNotifications, useRetryNotification, type Notification } from './admin-api';
import { TableWrap } from '@/shared/ui/TableWrap';

const PAGE_SIZE = 50;

function recipientsText(n: Notification): string {
  return n.recipients
    .map((r) => `${label(r.party)}: ${r.contact ? r.contact.name : 'no contact named'}`)
    .join('; ');
}

/** Escalation notifications and their delivery; DEAD ones (delivery gave up) can be retried. */
export default function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const status = NOTIFICATION_STATUSES.find((s) => s === params.get('status')) as
    NotificationStatus | undefined;
  // From an engagement's page: only its notifications.
  const engagementId = params.get('engagementId') ?? undefined;
  const pages = useCursorPages('notifications', JSON.stringify([status, engagementId]));
  const notifications = useNotifications({
    status,
    engagementId,
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });
  const setFilter = (name: 'status' | 'engagementId', value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  const first = notifications.data?.items[0];
  const retry = useRetryNotification();

  return (
    <>
      <PageHeader title="Notifications" />
      <AdminNav />
      <p className="muted">
        Each overdue task is escalated to the parties accountable for it and those to be informed,
        once at each stage of lateness (by default after 1, 7 and 14 days overdue), checked every
        hour. Where a webhook is set up, each escalation is sent there; where none is, it is only
        recorded here and nobody is sent anything.
      </p>
      <form className="toolbar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          id="notification-status"
          label="Delivery"
          anyLabel="Any"
          value={status}
          options={labelledOptions(NOTIFICATION_STATUSES)}
          onChange={(value) => setFilter('status', value)}
        />
      </form>
      {engagementId && (
        <p>
          {first ? (
            <>
              Only the notifications about <strong>{engagementLabel(first)}</strong>.
            </>
          ) : (
            'Only the notifications about one engagement.'
          )}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => setFilter('engagementId', undefined)}
          >
            Show every engagement&apos;s
          </button>
        </p>
      )}
      <ErrorNotice error={notifications.error} title="Could not load the notifications" />
      <ErrorNotice error={retry.error} title="Not retried" />
      {notifications.isPending && <Loading />}
      {notifications.data && notifications.data.items.length === 0 && (
        <p className="empty">
          No notifications{engagementId ? ' about this engagement' : ''}
          {status ? ` whose delivery is “${label(status).toLowerCase()}”` : ''}. Overdue tasks are
          checked every hour.
        </p>
      )}
      {notifications.data && notifications.data.items.length > 0 && (
        <TableWrap label="Notifications">
          <table className="stacked">
            <caption className="visually-hidden">Notifications, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Task</th>
                <th scope="col">Stage</th>
                <th scope="col">Recipients</th>
                <th scope="col">Delivery</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {notifications.data.items.map((n) => (
                <tr key={n.id} data-testid="notification-row">
                  <td data-label="Created">{formatDateTime(n.createdAt)}</td>
                  <th scope="row" className="stacked-title">
                    <Link to={`/engagements/${n.engagementId}#task-${n.taskKey}`}>
                      {n.taskTitle}
                    </Link>
                    {/* The due date tells apart the notifications of a task re-dated and late again. */}
                    <span className="muted small">
                      {' '}
                      · {engagementLabel(n)} · due {formatDate(n.dueDate)},{' '}
                      {pluralize(n.daysOverdue, 'day')} overdue
                    </span>
                  </th>
                  <td data-label="Stage">after {pluralize(n.level, 'day')} overdue</td>
                  <td data-label="Recipients" className="small">
                    {recipientsText(n)}
                  </td>
                  <td data-label="Delivery">
                    <span className={`badge notification-${n.status.toLowerCase()}`}>
                      {label(n.status)}
                    </span>
                    {n.deliveredAt && (
                      <span className="muted small"> {formatDateTime(n.deliveredAt)}</span>
                    )}
                  </td>
                  <td data-label="Attempts" className="num">
                    {n.attempts}
                  </td>
                  <td data-label="Last error" className="small">
                    {n.lastError ?? '—'}
                  </td>
                  <td className="row-actions">
                    {n.status === 'DEAD' && (
                      <button
                        type="button"
                        disabled={retry.isPending}
                        onClick={() => retry.mutate(n.id)}
                      >
                        Retry<span className="visually-hidden"> delivery for {n.taskTitle}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager label="Notification pages" pages={pages} nextCursor={notifications.data?.nextCursor} />
    </>
  );
}

/** The engagement, with its customer unless its name already starts with it (as generated ones do). */
function engagementLabel(n: { customerName: string; engagementName: string }): string {
  return n.engagementName.startsWith(n.customerName)
    ? n.engagementName
    : `${n.customerName} · ${n.engagementName}`;
}
