export interface StackedRow {
  label: string;
  /** One value per series, in the order of `series`. */
  values: number[];
}

interface Props {
  title: string;
  series: { label: string; className: string }[];
  rows: StackedRow[];
  unit: string;
}

const ROW = 28;
const LABEL_WIDTH = 220;
const BAR_SPACE = 300;
const VALUE_SPACE = 48;

/**
 * Horizontal stacked bars in SVG: one bar per row, one segment per series. Every segment is
 * titled and the chart carries a text description, so nothing is told by colour alone.
 */
export function StackedBarChart({ title, series, rows, unit }: Props) {
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const height = Math.max(ROW, rows.length * ROW);
  const width = LABEL_WIDTH + BAR_SPACE + VALUE_SPACE;
  const description = rows
    .map(
      (r, i) =>
        `${r.label}: ${totals[i]} (${r.values.map((v, s) => `${series[s].label} ${v}`).join(', ')})`,
    )
    .join('; ');
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <svg width="12" height="12" className={s.className}>
              <rect width="12" height="12" rx="2" />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title} (${unit}): ${description || 'none'}`}
      >
        {rows.map((row, i) => {
          let x = LABEL_WIDTH;
          return (
            <g key={row.label} transform={`translate(0 ${i * ROW})`}>
              <text className="chart-label" x={LABEL_WIDTH - 8} y={ROW / 2} dy="0.35em">
                {row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label}
              </text>
              {row.values.map((value, s) => {
                const w = (value / max) * BAR_SPACE;
                const segment = (
                  <rect
                    key={series[s].label}
                    className={series[s].className}
                    x={x}
                    y={5}
                    width={w}
                    height={ROW - 10}
                  >
                    <title>{`${row.label}, ${series[s].label}: ${value} ${unit}`}</title>
                  </rect>
                );
                x += w;
                return value > 0 ? segment : null;
              })}
              <text className="chart-value" x={x + 6} y={ROW / 2} dy="0.35em">
                {totals[i]}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
