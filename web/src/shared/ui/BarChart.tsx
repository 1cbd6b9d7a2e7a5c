export interface Bar {
  label: string;
  value: number;
}

interface BarChartProps {
  title: string;
  bars: Bar[];
  /** Word for the unit, used in the accessible description, e.g. "overdue tasks". */
  unit: string;
}

const ROW = 28;
const LABEL_WIDTH = 190;
const BAR_SPACE = 240;
const VALUE_SPACE = 48;

/**
 * Horizontal bars drawn as SVG. Each bar is titled with its value, and the whole chart has a text
 * description, so the figures reach screen-reader users too.
 */
export function BarChart({ title, bars, unit }: BarChartProps) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(ROW, bars.length * ROW);
  const width = LABEL_WIDTH + BAR_SPACE + VALUE_SPACE;
  const description = bars.map((b) => `${b.label}: ${b.value}`).join(', ');
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title} (${unit}): ${description || 'none'}`}
      >
        {bars.map((bar, i) => {
          const y = i * ROW;
          const barWidth = (bar.value / max) * BAR_SPACE;
          return (
            <g key={bar.label} transform={`translate(0 ${y})`}>
              <title>{`${bar.label}: ${bar.value} ${unit}`}</title>
              <text className="chart-label" x={LABEL_WIDTH - 8} y={ROW / 2} dy="0.35em">
                {bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label}
              </text>
              <rect
                className="chart-bar"
                x={LABEL_WIDTH}
                y={5}
                width={Math.max(bar.value > 0 ? 2 : 0, barWidth)}
                height={ROW - 10}
                rx="2"
              />
              <text className="chart-value" x={LABEL_WIDTH + barWidth + 6} y={ROW / 2} dy="0.35em">
                {bar.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
