export interface StackedRow {
  label: string;
  /** One value per series, in the order of `series`. */
  values: number[];
}

interface Props {
  title: string;
  /**
   * The segments' kinds, in stacking order. Each className sets `--fill` (the segment and its
   * legend swatch) and `--on-fill` (the count written on it, at 4.5:1 against `--fill`).
   */
  series: { label: string; className: string }[];
  rows: StackedRow[];
  unit: string;
}

const ROW = 28;
const LABEL_WIDTH = 220;
const BAR_SPACE = 300;
const VALUE_SPACE = 48;
/** What a digit of the 12px count takes, a little more than system fonts draw, plus its margins. */
const DIGIT_WIDTH = 7.5;
const COUNT_PADDING = 4;

/** Whether `count` can be written inside a segment `width` wide without touching its edges. */
function countFits(width: number, count: number): boolean {
  return width >= String(count).length * DIGIT_WIDTH + 2 * COUNT_PADDING;
}

/**
 * Horizontal stacked bars in SVG: one bar per row, one segment per series. Nothing is told by
 * colour alone: each segment is titled and carries its count when it is wide enough (a bar reads
 * "3 | 5 | 1"), the segments are parted by a thin gap, and the chart has a text description.
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
          // A bar of one segment has its count beside it already, as the total.
          const single = row.values.filter((v) => v > 0).length === 1;
          let x = LABEL_WIDTH;
          return (
            <g key={row.label} className="chart-row" transform={`translate(0 ${i * ROW})`}>
              <text className="chart-label" x={LABEL_WIDTH - 8} y={ROW / 2} dy="0.35em">
                {row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label}
              </text>
              {row.values.map((value, s) => {
                const w = (value / max) * BAR_SPACE;
                const segment = (
                  <g key={series[s].label} className={`chart-segment ${series[s].className}`}>
                    <title>{`${row.label}, ${series[s].label}: ${value} ${unit}`}</title>
                    <rect x={x} y={5} width={w} height={ROW - 10} />
                    {!single && countFits(w, value) && (
                      <text x={x + w / 2} y={ROW / 2} dy="0.35em">
                        {value}
                      </text>
                    )}
                  </g>
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
