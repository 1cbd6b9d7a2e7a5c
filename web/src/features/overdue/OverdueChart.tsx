import { StackedBarChart } from '@/shared/ui/StackedBarChart';
import type { OverdueSummary } from './overdue-api';
import { groupLabel } from './group-label';

/** The age bands of the report, youngest first, each with its colour class (darker with age). */
const BANDS = [
  { key: '1-7', label: '1–7 days', className: 'band-1' },
  { key: '8-14', label: '8–14 days', className: 'band-2' },
  { key: '15-30', label: '15–30 days', className: 'band-3' },
  { key: '31+', label: '31+ days', className: 'band-4' },
] as const;

/**
 * How many people the chart draws: the groups come largest first, and hundreds of bars (a
 * portfolio's board) are read by nobody, drawn slowly and spoken as one endless description.
 */
const CHART_PEOPLE = 15;

/** Overdue tasks by person, each bar split by how long the tasks have been overdue. */
export function OverdueChart({ summary }: { summary: OverdueSummary }) {
  const series = BANDS.map(({ label, className }) => ({ label, className }));
  const people = summary.groups.slice(0, CHART_PEOPLE);
  const rest = summary.groups.length - people.length;
  return (
    <div className="charts">
      <StackedBarChart
        title={
          rest > 0
            ? `Overdue tasks by person and age: the ${CHART_PEOPLE} with the most`
            : 'Overdue tasks by person and age'
        }
        unit="overdue tasks"
        series={series}
        rows={people.map((g) => ({
          label: groupLabel(g),
          values: BANDS.map((b) => g.bands[b.key]),
        }))}
        note={rest > 0 ? `${rest} more in the table.` : undefined}
      />
      <StackedBarChart
        title="All overdue tasks by age"
        unit="overdue tasks"
        series={series}
        rows={BANDS.map((b, i) => ({
          label: b.label,
          values: BANDS.map((_, j) => (i === j ? summary.bands[b.key] : 0)),
        }))}
      />
    </div>
  );
}
