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

/** Overdue tasks by person, each bar split by how long the tasks have been overdue. */
export function OverdueChart({ summary }: { summary: OverdueSummary }) {
  const series = BANDS.map(({ label, className }) => ({ label, className }));
  return (
    <div className="charts">
      <StackedBarChart
        title="Overdue tasks by person and age"
        unit="overdue tasks"
        series={series}
        rows={summary.groups.map((g) => ({
          label: groupLabel(g),
          values: BANDS.map((b) => g.bands[b.key]),
        }))}
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
