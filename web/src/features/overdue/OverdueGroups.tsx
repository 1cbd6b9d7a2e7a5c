import { label } from '@/shared/format/labels';
import { pluralize } from '@/shared/format/dates';
import type { OverdueGroup } from './overdue-api';
import { groupRef, sameGroup, type GroupRef } from './overdue-filters';
import { personLabel } from './group-label';
import { TableWrap } from '@/shared/ui/TableWrap';

interface Props {
  groups: OverdueGroup[];
  opened: GroupRef | undefined;
  onOpen: (group: GroupRef) => void;
}

/** One row per accountable party and person, largest first (as the API orders them). */
export function OverdueGroups({ groups, opened, onOpen }: Props) {
  return (
    <TableWrap label="Accountable for overdue tasks">
      <table className="groups stacked">
        <caption>Accountable for overdue tasks</caption>
        <thead>
          <tr>
            <th scope="col">Accountable</th>
            <th scope="col">Party</th>
            <th scope="col" className="num">
              Overdue tasks
            </th>
            <th scope="col" className="num">
              Oldest
            </th>
            <th scope="col">
              <span className="visually-hidden">Tasks</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => {
            const ref = groupRef(group);
            const isOpen = sameGroup(opened, ref);
            const person = personLabel(group);
            return (
              <tr
                key={`${group.party}:${group.contact?.email ?? ''}`}
                className={isOpen ? 'selected' : undefined}
                data-testid="overdue-group"
              >
                <th scope="row" className={group.contact ? undefined : 'nobody'}>
                  {person}
                  {group.contact && (
                    <span className="small person-email">
                      {' '}
                      {/* To chase them from here: the address opens the person's mail program. */}
                      <a href={`mailto:${group.contact.email}`}>{group.contact.email}</a>
                    </span>
                  )}
                </th>
                <td>{label(group.party)}</td>
                <td className="num group-count">{group.count}</td>
                <td className="num group-oldest">{pluralize(group.maxDaysOverdue, 'day')}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={isOpen}
                    data-group={`${ref.party}:${ref.email ?? ''}`}
                    onClick={() => onOpen(ref)}
                  >
                    Show tasks
                    <span className="visually-hidden">
                      {' '}
                      of {person}
                      {group.contact && ` <${group.contact.email}>`} ({label(group.party)})
                    </span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
