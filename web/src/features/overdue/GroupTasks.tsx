import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { formatDate } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { Pager } from '@/shared/ui/Pager';
import { useCursorPages } from '@/shared/ui/useCursorPages';
import { useOverdueItems, type SummaryQuery } from './overdue-api';
import { itemsQuery, type GroupRef } from './overdue-filters';
import { TableWrap } from '@/shared/ui/TableWrap';

const PAGE_SIZE = 20;

interface Props {
  filters: SummaryQuery;
  group: GroupRef;
  /** Who the group is, in words (the person's name, or that nobody is named). */
  title: string;
  /** The group's count on the board, when the board has the group. */
  count: number | undefined;
  /** Whose each task is: staff see every customer's, a customer's people only their own. */
  showCustomer: boolean;
  onClose: () => void;
}

/** The drill-down: the overdue tasks of one group, most overdue first, paged. */
export function GroupTasks({ filters, group, title, count, showCustomer, onClose }: Props) {
  const pages = useCursorPages('overdue-group', JSON.stringify([filters, group]));
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened below the table and charts: the focus follows, so the list is read and in view.
  useEffect(() => heading.current?.focus(), [group.party, group.email]);
  const items = useOverdueItems(itemsQuery(filters, group, pages.cursor, PAGE_SIZE));
  return (
    <section className="drilldown" aria-labelledby="drilldown-title">
      <div className="page-header">
        <h2 id="drilldown-title" ref={heading} tabIndex={-1}>
          Overdue tasks of {title}
          {count !== undefined && <span className="muted"> ({count})</span>}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNotice error={items.error} />
      {items.isPending && <Loading />}
      {items.data && items.data.items.length === 0 && pages.page === 1 && (
        // An old link, or a group that no longer has late tasks (they were finished meanwhile).
        <p className="empty">No overdue tasks in this group with these filters.</p>
      )}
      {items.data && items.data.items.length > 0 && (
        <TableWrap label="Overdue tasks of the group">
          <table className="stacked" aria-labelledby="drilldown-title">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Engagement</th>
                {showCustomer && <th scope="col">Customer</th>}
                <th scope="col">Due</th>
                <th scope="col" className="num">
                  Days overdue
                </th>
                <th scope="col">Status</th>
                <th scope="col">Responsible</th>
              </tr>
            </thead>
            <tbody>
              {items.data.items.map((item) => (
                <tr key={`${item.engagementId}:${item.taskKey}`} data-testid="overdue-item">
                  <td className="stacked-title">
                    <Link to={`/engagements/${item.engagementId}#task-${item.taskKey}`}>
                      {item.title}
                    </Link>
                  </td>
                  <td data-label="Engagement">
                    <Link to={`/engagements/${item.engagementId}`}>{item.engagementName}</Link>
                  </td>
                  {showCustomer && <td data-label="Customer">{item.customerName}</td>}
                  <td data-label="Due">{formatDate(item.dueDate)}</td>
                  <td data-label="Days overdue" className="num">
                    {item.daysOverdue}
                  </td>
                  <td data-label="Status">{label(item.status)}</td>
                  <td data-label="Responsible">
                    {item.responsible
                      .map((r) => `${label(r.party)}${r.contact ? `: ${r.contact.name}` : ''}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager
        label="Overdue task pages"
        pages={pages}
        nextCursor={items.data?.nextCursor}
        pageCount={count === undefined ? undefined : Math.ceil(count / PAGE_SIZE)}
      />
    </section>
  );
}
