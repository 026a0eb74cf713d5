interface Props {
  value: number;
  label: string;
  counts?: { submitted: number; failed: number; pending: number };
}

/** Progress as the server computes it: (submitted + failed) / total, with the counts beside it. */
export function ProgressBar({ value, label, counts }: Props) {
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        aria-valuetext={`${clamped}%`}
      >
        <div className="progress-fill" style={{ width: `${clamped}%` }} />
      </div>
      <span className="progress-value num">{Math.round(clamped)}%</span>
      {counts && (
        <span className="progress-counts num">
          <span className="count-ok" title="Submitted">
            {counts.submitted} submitted
          </span>
          <span className="count-failed" title="Failed">
            {counts.failed} failed
          </span>
          <span className="count-pending" title="Pending">
            {counts.pending} pending
          </span>
        </span>
      )}
    </div>
  );
}
