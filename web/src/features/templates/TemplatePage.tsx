import { useParams } from 'react-router';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { useTemplate } from './templates-api';

/** One management model. For now: its name, description and tasks in order. */
export default function TemplatePage() {
  const { key = '' } = useParams();
  const template = useTemplate(key);
  if (template.isPending) return <Loading />;
  if (template.error) {
    return (
      <>
        <PageHeader title="Template" />
        <ErrorNotice error={template.error} />
      </>
    );
  }
  const t = template.data;
  return (
    <>
      <PageHeader title={t.name} />
      <p className="muted">
        {t.key} · version {t.version}
      </p>
      {t.description && <p>{t.description}</p>}
      <ol className="task-list">
        {t.tasks.map((task) => (
          <li key={task.key}>{task.title}</li>
        ))}
      </ol>
    </>
  );
}
