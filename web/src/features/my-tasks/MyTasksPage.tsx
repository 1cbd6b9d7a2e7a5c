import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '@/shared/api';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { ProgressBar } from '@/shared/ui/ProgressBar';

/** The customer's home. For now: their engagements (the API shows a customer only its own). */
export default function MyTasksPage() {
  const engagements = useQuery({
    queryKey: ['my-tasks', 'engagements'],
    queryFn: () => unwrap(api.GET('/api/v1/engagements', { params: { query: { limit: 100 } } })),
  });
  return (
    <>
      <PageHeader title="My tasks" />
      <ErrorNotice error={engagements.error} />
      {engagements.isPending && <Loading />}
      <ul className="plain-list">
        {engagements.data?.items.map((e) => (
          <li key={e.id}>
            <Link to={`/engagements/${e.id}`}>{e.name}</Link>{' '}
            <ProgressBar percent={e.progress.percent} label={`Progress of ${e.name}`} />
          </li>
        ))}
      </ul>
    </>
  );
}
