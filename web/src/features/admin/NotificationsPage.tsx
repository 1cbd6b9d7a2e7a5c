import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { AdminNav } from './AdminNav';

/** Escalation notifications and their delivery. For now: the first page. */
export default function NotificationsPage() {
  const notifications = useQuery({
    queryKey: ['admin', 'notifications'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 50 } } })),
  });
  return (
    <>
      <PageHeader title="Notifications" />
      <AdminNav />
      <ErrorNotice error={notifications.error} />
      {notifications.isPending && <Loading />}
      {notifications.data && notifications.data.items.length === 0 && (
        <p className="empty">No notifications yet.</p>
      )}
      <ul className="plain-list">
        {notifications.data?.items.map((n) => (
          <li key={n.id}>
            {n.taskKey}{' '}
            <span className="muted">
              · level {n.level} · {n.daysOverdue} days overdue · {n.status}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
