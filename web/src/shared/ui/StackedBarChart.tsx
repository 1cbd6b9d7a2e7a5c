import type { CSSProperties } from 'react';

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
  /** A line under the bars (e.g. what is not drawn). */
  note?: string;
}

/**
 * Horizontal stacked bars: one bar per row, one segment per series. Nothing is told by colour
 * alone: each segment is titled and carries its count when it is wide enough (a bar reads
 * "3 | 5 | 1"), the segments are parted by a thin gap, and the chart has a text description.
 *
 * The rows are HTML, not one scaled SVG drawing, so the text keeps its size on a phone: the
 * stylesheet puts the label beside the bar on a wide screen and above it on a narrow one, and
 * decides at the drawn width whether a count fits in its segment (see `.chart-count`).
 */
export function StackedBarChart({ title, series, rows, unit, note }: Props) {
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
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
      <div
        className="chart-rows"
        role="img"
        aria-label={`${title} (${unit}): ${description || 'none'}`}
      >
        {rows.map((row, i) => {
          // A bar of one segment has its count beside it already, as the total.
          const single = row.values.filter((v) => v > 0).length === 1;
          return (
            <div key={row.label} className="chart-row">
              <span className="chart-label" title={row.label}>
                {row.label}
              </span>
              <span className="chart-track">
                {row.values.map((value, s) =>
                  value > 0 ? (
                    <span
                      key={series[s].label}
                      className={`chart-segment ${series[s].className}`}
                      style={{ '--share': value / max } as CSSProperties}
                      title={`${row.label}, ${series[s].label}: ${value} ${unit}`}
                    >
                      {!single && (
                        <span className="chart-count" data-digits={String(value).length}>
                          {value}
                        </span>
                      )}
                    </span>
                  ) : null,
                )}
                <span className="chart-value">{totals[i]}</span>
              </span>
            </div>
          );
        })}
      </div>
      {note && <p className="muted small">{note}</p>}
    </figure>
  );
}
