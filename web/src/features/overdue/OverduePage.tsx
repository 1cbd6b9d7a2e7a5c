import { useState } from 'react';
import { Link } from 'react-router';
import { pluralize, formatDate, todayIso } from '@/shared/format/dates';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { GroupTasks } from './GroupTasks';
import { OverdueChart } from './OverdueChart';
import { OverdueFilters } from './OverdueFilters';
import { OverdueGroups } from './OverdueGroups';
import { downloadOverdueCsv, useOverdueSummary } from './overdue-api';
import { groupRef, sameGroup, useOverdueFilters, type GroupRef } from './overdue-filters';
import { groupLabel, NO_CONTACT_LABEL } from './group-label';
import { label } from '@/shared/format/labels';
import { useMe } from '@/shared/session/session';
import type { OverdueGroup, OverdueSummary } from './overdue-api';

function openedGroup(groups: OverdueGroup[], opened: GroupRef) {
  const group = groups.find((g) => sameGroup(opened, groupRef(g)));
  return group
    ? { title: groupLabel(group), count: group.count }
    : { title: `${opened.email ?? NO_CONTACT_LABEL} (${label(opened.party)})`, count: undefined };
}

/**
 * Who is accountable for what is late: by party and person, with their oldest overdue task. Staff
 * see every customer's; a customer's people their own onboarding (the API answers them no other).
 */
export default function OverduePage() {
  const { data: me } = useMe();
  const portfolio = me?.role !== 'CUSTOMER';
  const { filters, opened, setFilter, open } = useOverdueFilters(portfolio);
  const summary = useOverdueSummary(filters);
  const [download, setDownload] = useState<{ pending: boolean; error?: unknown }>({
    pending: false,
  });

  const downloadCsv = async () => {
    if (download.pending) return;
    setDownload({ pending: true });
    try {
      await downloadOverdueCsv(filters, summary.data?.asOf ?? filters.asOf ?? 'today');
      setDownload({ pending: false });
    } catch (error) {
      setDownload({ pending: false, error });
    }
  };

  return (
    <>
      <PageHeader
        title={portfolio ? 'Overdue' : 'Overdue in your onboarding'}
        actions={
          // aria-disabled, not disabled: a disabled button loses the focus, which fell to the page.
          <button type="button" onClick={downloadCsv} aria-disabled={download.pending || undefined}>
            Download CSV
          </button>
        }
      />
      {!portfolio && me?.customerName && (
        <p>
          Tasks in {me.customerName}&apos;s engagements that are past their due date, and who is
          accountable for each: WSO2 or your own people.
        </p>
      )}
      <ErrorNotice error={download.error} title="Download failed" />
      <OverdueFilters filters={filters} portfolio={portfolio} onChange={setFilter} />
      <ErrorNotice error={summary.error} title="Could not load the overdue report" />
      {summary.isPending && <Loading />}
      {summary.data && (
        <>
          <p className="lead" aria-live="polite">
            {summary.data.totalOverdue === 0
              ? `Nothing is overdue as of ${formatDate(summary.data.asOf)}.`
              : `${pluralize(summary.data.totalOverdue, 'task')} overdue as of ${formatDate(summary.data.asOf)}.`}
            <JointNote summary={summary.data} />
            <AsOfNote asOf={summary.data.asOf} />
          </p>
          {summary.data.totalOverdue === 0 && portfolio && (
            // An empty board says nothing of where the work is: a newcomer is pointed to it.
            <p>
              Tasks past their due date show here, with who is accountable. Every engagement and its
              tasks are under <Link to="/engagements">Engagements</Link>, where new ones are
              started.
            </p>
          )}
          {summary.data.totalOverdue > 0 && (
            <div className="board">
              <OverdueGroups groups={summary.data.groups} opened={opened} onOpen={open} />
              <OverdueChart summary={summary.data} />
            </div>
          )}
          {opened && (
            <GroupTasks
              filters={filters}
              group={opened}
              {...openedGroup(summary.data.groups, opened)}
              showCustomer={portfolio}
              onClose={() => {
                const key = `${opened.party}:${opened.email ?? ''}`;
                open(undefined);
                // Back to the button that opened it, as the task forms do.
                requestAnimationFrame(() =>
                  document
                    .querySelector<HTMLElement>(`button[data-group="${CSS.escape(key)}"]`)
                    ?.focus(),
                );
              }}
            />
          )}
        </>
      )}
    </>
  );
}

/**
 * A task with more than one accountable party counts in each party's group, so the groups can add
 * up to more than the total; say so rather than leave the numbers looking wrong.
 */
function JointNote({ summary }: { summary: OverdueSummary }) {
  const counted = summary.groups.reduce((sum, group) => sum + group.count, 0);
  if (counted <= summary.totalOverdue) return null;
  return (
    <>
      {' '}
      A jointly accountable task counts in each party&apos;s group, so the groups add up to{' '}
      {counted}.
    </>
  );
}

/**
 * The board judges any date with today's statuses and contacts (the API's rule): on another
 * date that is not what the board said then, so it says so.
 */
function AsOfNote({ asOf }: { asOf: string }) {
  const today = todayIso();
  if (asOf === today) return null;
  return (
    <>
      {' '}
      {asOf < today
        ? "Counted with today's statuses and primary contacts: tasks finished since then are not counted."
        : 'A look ahead: what will be late then if nothing changes before.'}
    </>
  );
}
