import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { AdminNav } from './AdminNav';

/** API keys for other systems. For now: the list. */
export default function ApiKeysPage() {
  const keys = useQuery({
    queryKey: ['admin', 'api-keys'],
    queryFn: () => unwrap(api.GET('/api/v1/api-keys')),
  });
  return (
    <>
      <PageHeader title="API keys" />
      <AdminNav />
      <ErrorNotice error={keys.error} />
      {keys.isPending && <Loading />}
      <ul className="plain-list">
        {keys.data?.map((k) => (
          <li key={k.id}>
            {k.name} <span className="muted">· {label(k.role)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
