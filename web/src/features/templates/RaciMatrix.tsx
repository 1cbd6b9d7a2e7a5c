import { RaciLegend } from '@/shared/engagement/RaciChips';
import { label } from '@/shared/format/labels';
import { RACI_COLUMNS, raciCell } from './raci-text';
import type { TemplateVersion } from './templates-api';
import { TableWrap } from '@/shared/ui/TableWrap';

/**
 * The model as the reference document shows it: one row per task, its description (the
 * checklist, with the tiers an item is limited to) and who is R, A, C and I.
 */
export function RaciMatrix({ template }: { template: TemplateVersion }) {
  const titles = new Map(template.tasks.map((t) => [t.key, t.title]));
  return (
    <TableWrap label="RACI matrix">
      <table className="raci-matrix stacked">
        <caption>
          RACI matrix, version {template.version} <RaciLegend />
        </caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Task description</th>
            {RACI_COLUMNS.map((c) => (
              <th scope="col" key={c.key}>
                {c.title}
              </th>
            ))}
            <th scope="col" className="num">
              Due (days after start)
            </th>
            <th scope="col">Depends on</th>
          </tr>
        </thead>
        <tbody>
          {template.tasks.map((task) => (
            <tr key={task.key} data-testid="raci-row">
              <th scope="row">
                <span className="task-position">{task.position}.</span> {task.title}
              </th>
              {/* On a phone the checklist is the block's body, under the title: a label only says
                  that there is none. */}
              <td data-label={task.checklist.length > 0 ? undefined : 'Description'}>
                {task.checklist.length > 0 ? (
                  <ul className="checklist">
                    {task.checklist.map((item) => (
                      <li key={item.text}>
                        {item.text}
                        {item.tiers && (
                          <span className="muted small">
                            {' '}
                            ({item.tiers.map(label).join(', ')} tier
                            {item.tiers.length > 1 ? 's' : ''})
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              {RACI_COLUMNS.map((c) => {
                const text = raciCell(task.raci[c.key]);
                return (
                  <td key={c.key} className="raci-cell" data-label={c.name}>
                    {text || (
                      <span className="muted">
                        <span aria-hidden="true">-</span>
                        <span className="visually-hidden">nobody</span>
                      </span>
                    )}
                  </td>
                );
              })}
              <td className="num" data-label="Due">
                <span className="raci-due">{task.dueOffsetDays}</span>
              </td>
              <td className="small" data-label="Depends on">
                {task.dependsOn.map((key) => titles.get(key) ?? key).join(', ') || (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
