interface Counts {
  submitted: number;
  failed: number;
  pending: number;
  /** Of the failed: still waiting for a person (absent: all of them). */
  needPerson?: number;
  /** Of the failed: skipped or replaced, decided and final. */
  skipped?: number;
  replaced?: number;
}

interface Props {
  value: number;
  label: string;
  counts?: Counts;
}

const percent = (n: number, total: number) => (total === 0 ? 0 : (n / total) * 100);

/**
 * Progress as the server computes it: (submitted + failed) / total. The bar shows what it is made
 * of, submitted (green), failed and waiting for a person (red) and failed but decided (grey), so a
 * job with failures never looks like a clean 100 %; the legend says the same in words.
 */
export function ProgressBar({ value, label, counts }: Props) {
  const clamped = Math.max(0, Math.min(100, value));
  const total = counts ? counts.submitted + counts.failed + counts.pending : 0;
  const decided = counts ? (counts.skipped ?? 0) + (counts.replaced ?? 0) : 0;
  const open = counts ? (counts.needPerson ?? counts.failed - decided) : 0;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        aria-valuetext={
          counts
            ? `${clamped}%: ${counts.submitted} submitted, ${counts.failed} failed, ${counts.pending} pending`
            : `${clamped}%`
        }
      >
        {counts && total > 0 ? (
          <>
            <div
              className="progress-fill progress-ok"
              style={{ width: `${percent(counts.submitted, total)}%` }}
            />
            <div className="progress-fill progress-failed" style={{ width: `${percent(open, total)}%` }} />
            <div
              className="progress-fill progress-decided"
              style={{ width: `${percent(decided, total)}%` }}
            />
          </>
        ) : (
          <div className="progress-fill" style={{ width: `${clamped}%` }} />
        )}
      </div>
      <span className="progress-value num">{Math.round(clamped)}%</span>
      {counts && (
        <span className="progress-counts num">
          <span className="count-ok" title="Submitted">
            <span className="swatch swatch-ok" aria-hidden="true" />
            {counts.submitted} submitted
          </span>
          <span className="count-failed" title="Failed">
            <span className="swatch swatch-failed" aria-hidden="true" />
            {decided > 0 ? `${open} failed, open` : `${counts.failed} failed`}
          </span>
          {decided > 0 && (
            <span className="count-decided" title="Skipped or replaced">
              <span className="swatch swatch-decided" aria-hidden="true" />
              {decided} skipped or replaced
            </span>
          )}
          <span className="count-pending" title="Pending">
            <span className="swatch swatch-pending" aria-hidden="true" />
            {counts.pending} pending
          </span>
        </span>
      )}
    </div>
  );
}
