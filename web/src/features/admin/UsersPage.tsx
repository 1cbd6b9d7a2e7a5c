import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { AdminNav } from './AdminNav';

/** People who sign in. For now: the first page of them. */
export default function UsersPage() {
  const users = useQuery({
    queryKey: ['admin', 'users'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 100 } } })),
  });
  return (
    <>
      <PageHeader title="Users" />
      <AdminNav />
      <ErrorNotice error={users.error} />
      {users.isPending && <Loading />}
      <ul className="plain-list">
        {users.data?.items.map((u) => (
          <li key={u.id}>
            {u.name ?? u.email}{' '}
            <span className="muted">
              · {u.email} · {label(u.role)} · {label(u.status)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
