import { useRef } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '@/shared/api';
import { useMe } from '@/shared/session/session';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { NotFound } from '@/shared/ui/NotFound';
import { PageHeader } from '@/shared/ui/PageHeader';
import { EngagementHeader } from './EngagementHeader';
import { EngagementHistory, HISTORY_PARAM } from './EngagementHistory';
import { TaskItem } from './TaskItem';
import { useEngagement, useTemplates } from './engagements-api';

/** The engagement workspace: where it stands, its tasks with their actions, and its history. */
export default function EngagementPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const engagement = useEngagement(id);
  const templates = useTemplates();
  const [, setParams] = useSearchParams();
  const historyHeading = useRef<HTMLHeadingElement>(null);
  if (engagement.isPending || !me) return <Loading />;
  if (engagement.error) {
    // Unknown, malformed, or another customer's: the API does not tell them apart, nor do we.
    if (
      engagement.error instanceof ApiError &&
      (engagement.error.status === 404 || engagement.error.status === 400)
    ) {
      return <NotFound what="engagement" />;
    }
    return (
      <>
        <PageHeader title="Engagement" />
        <ErrorNotice error={engagement.error} />
      </>
    );
  }
  const e = engagement.data;
  const tasks = new Map(e.tasks.map((t) => [t.key, t]));
  const titles = new Map(e.tasks.map((t) => [t.key, t.title]));
  const showHistory = (taskKey: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(HISTORY_PARAM, taskKey);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
    historyHeading.current?.focus();
    historyHeading.current?.scrollIntoView();
  };
  return (
    <>
      <PageHeader title={e.name} />
      <EngagementHeader
        engagement={e}
        templateName={templates.data?.find((t) => t.key === e.templateKey)?.name}
      />
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Tasks</h2>
        <ol className="tasks">
          {e.tasks.map((task) => (
            <TaskItem
              key={task.key}
              task={task}
              contacts={e.contacts}
              tasks={tasks}
              titles={titles}
              role={me.role}
              onShowHistory={showHistory}
            />
          ))}
        </ol>
      </section>
      <EngagementHistory ref={historyHeading} engagementId={e.id} tasks={e.tasks} />
    </>
  );
}
