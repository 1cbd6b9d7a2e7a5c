import { useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '@/shared/api';
import { RaciLegend } from '@/shared/engagement/RaciChips';
import { useMe } from '@/shared/session/session';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { NotFound } from '@/shared/ui/NotFound';
import { PageHeader } from '@/shared/ui/PageHeader';
import { EngagementStatusForm } from './EngagementStatusForm';
import { EditEngagementForm } from './EditEngagementForm';
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
  const [editing, setEditing] = useState<'details' | 'cancel' | 'reactivate' | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  // A new key starts a form afresh from the engagement as reloaded after a conflict.
  const [formKey, setFormKey] = useState(0);
  // Discarded after a conflict, a form that no longer applies (the engagement was cancelled or
  // reactivated meanwhile) closes; until then it stays, with what was typed.
  const [discarded, setDiscarded] = useState(false);
  const reloaded = () => {
    setFormKey((key) => key + 1);
    setDiscarded(true);
  };
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
  // Customers' people read the engagement; WSO2's change it, until it is cancelled, and may then
  // reactivate it.
  const staff = me.role !== 'CUSTOMER';
  const mayEdit = staff && e.status !== 'CANCELLED';
  const mayReactivate = staff && e.status === 'CANCELLED';
  const shows = (form: NonNullable<typeof editing>) =>
    staff && editing === form && (!discarded || (form === 'reactivate' ? mayReactivate : mayEdit));
  const open =
    (form: NonNullable<typeof editing>) => (event: { currentTarget: HTMLButtonElement }) => {
      opener.current = event.currentTarget;
      setDiscarded(false);
      setEditing(form);
    };
  const close = () => {
    setEditing(null);
    // Back to the button that opened the form; once the status changed it is gone, so to the
    // page's title.
    requestAnimationFrame(() => {
      const target = opener.current?.isConnected
        ? opener.current
        : document.querySelector<HTMLElement>('main h1');
      target?.focus();
    });
  };
  return (
    <>
      <PageHeader
        title={e.name}
        actions={
          mayEdit ? (
            <>
              <button type="button" onClick={open('details')} aria-expanded={editing === 'details'}>
                Edit engagement
              </button>
              <button type="button" onClick={open('cancel')} aria-expanded={editing === 'cancel'}>
                Cancel engagement…
              </button>
            </>
          ) : (
            mayReactivate && (
              // Keyed: React must not turn this very button into "Edit engagement" once it worked.
              <button
                key="reactivate"
                type="button"
                onClick={open('reactivate')}
                aria-expanded={editing === 'reactivate'}
              >
                Reactivate engagement…
              </button>
            )
          )
        }
      />
      {/* A form stays open when someone else cancels or reactivates the engagement meanwhile:
          its save then says so, and what was typed is still there to read. */}
      {shows('details') && (
        <EditEngagementForm key={formKey} engagement={e} onClose={close} onReloaded={reloaded} />
      )}
      {shows('cancel') && (
        <EngagementStatusForm
          key={formKey}
          engagement={e}
          status="CANCELLED"
          onClose={close}
          onReloaded={reloaded}
        />
      )}
      {shows('reactivate') && (
        <EngagementStatusForm
          key={formKey}
          engagement={e}
          status="ACTIVE"
          onClose={close}
          onReloaded={reloaded}
        />
      )}
      <EngagementHeader
        engagement={e}
        templateName={templates.data?.find((t) => t.key === e.templateKey)?.name}
        linkNotifications={me.role !== 'CUSTOMER'}
      />
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Tasks</h2>
        <p>
          <RaciLegend />
        </p>
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
