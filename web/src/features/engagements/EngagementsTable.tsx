import { Link } from 'react-router';
import { formatDate } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ProgressBar } from '@/shared/ui/ProgressBar';
import type { EngagementSummary } from './engagements-api';
import { TableWrap } from '@/shared/ui/TableWrap';

interface Props {
  engagements: EngagementSummary[];
  templateNames: Map<string, string>;
}

export function EngagementsTable({ engagements, templateNames }: Props) {
  return (
    <TableWrap label="Engagements">
      <table className="stacked">
        <caption className="visually-hidden">Engagements</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Engagement</th>
            <th scope="col">Model</th>
            <th scope="col">Cloud</th>
            <th scope="col">Tier</th>
            <th scope="col">Progress</th>
            <th scope="col" className="num">
              Overdue
            </th>
            <th scope="col">Next due task</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {engagements.map((e) => (
            <tr key={e.id}>
              <td data-label="Customer" className="name-cell">
                {e.customerName}
              </td>
              <td className="stacked-title name-cell">
                <Link to={`/engagements/${e.id}`}>{e.name}</Link>
              </td>
              <td data-label="Model">{templateNames.get(e.templateKey) ?? e.templateKey}</td>
              <td data-label="Cloud">{label(e.cloudProvider)}</td>
              <td data-label="Tier">{label(e.securityTier)}</td>
              <td data-label="Progress">
                <ProgressBar percent={e.progress.percent} label={`Progress of ${e.name}`} />
              </td>
              <td data-label="Overdue" className={e.overdueCount > 0 ? 'num overdue' : 'num'}>
                {e.overdueCount}
              </td>
              <td data-label="Next due task">
                {e.nextDueTask ? (
                  <>
                    {e.nextDueTask.title}
                    <span className="muted"> · {formatDate(e.nextDueTask.dueDate)}</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label="Status">
                <span className={`badge badge-${e.status.toLowerCase()}`}>{label(e.status)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
