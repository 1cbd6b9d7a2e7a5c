import { Link } from 'react-router';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { useTemplateList } from './templates-api';

export default function TemplatesPage() {
  const templates = useTemplateList();
  return (
    <>
      <PageHeader title="Templates" />
      <ErrorNotice error={templates.error} />
      {templates.isPending && <Loading />}
      <ul className="plain-list">
        {templates.data?.map((t) => (
          <li key={t.key}>
            <Link to={`/templates/${t.key}`}>{t.name}</Link>{' '}
            <span className="muted">
              · version {t.version} · {t.taskCount} tasks
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
