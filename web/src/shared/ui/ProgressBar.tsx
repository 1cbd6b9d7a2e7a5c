/** A percentage as a bar; the number is also text, so it does not rely on the bar alone. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="progress">
      <svg
        className="progress-bar"
        viewBox="0 0 100 8"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}: ${value}%`}
      >
        <rect className="progress-track" x="0" y="0" width="100" height="8" rx="2" />
        <rect className="progress-fill" x="0" y="0" width={value} height="8" rx="2" />
      </svg>
      <span className="progress-value">{value}%</span>
    </div>
  );
}
