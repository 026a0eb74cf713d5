import { type JobStatus, jobStatus } from "@autobolt/contract";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Loading } from "../components/States.tsx";
import { formatDuration, formatNumber, formatPercent, statusLabels } from "../format.ts";
import { useTitle } from "../hooks.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";

const DAYS = 7;
const HOUR = 3_600_000;

type PerHour = RouterOutputs["stats"]["overview"]["submittedPerHour"];

/** Every hour of the window, zeros included, so gaps show as gaps rather than vanishing. */
function hourlySeries(perHour: PerHour, now = Date.now()) {
  const byHour = new Map(perHour.map((p) => [new Date(p.hour).getTime(), p.submitted]));
  const end = Math.floor(now / HOUR) * HOUR;
  return Array.from({ length: DAYS * 24 }, (_, i) => {
    const time = end - (DAYS * 24 - 1 - i) * HOUR;
    return { time, submitted: byHour.get(time) ?? 0 };
  });
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric" });
const hourFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "numeric" });

function HourlyChart({ perHour }: { perHour: PerHour }) {
  const series = hourlySeries(perHour);
  const max = Math.max(1, ...series.map((s) => s.submitted));
  const total = series.reduce((a, s) => a + s.submitted, 0);
  const peak = series.reduce(
    (a, s) => (s.submitted > a.submitted ? s : a),
    series[0] ?? { time: 0, submitted: 0 },
  );
  const width = 840;
  const height = 180;
  const barWidth = width / series.length;
  const days = new Map<string, number>();
  for (const s of series) {
    const day = dayFormat.format(new Date(s.time));
    days.set(day, (days.get(day) ?? 0) + s.submitted);
  }
  const summary =
    total === 0
      ? `No directories were submitted in the last ${DAYS} days.`
      : `${formatNumber(total)} directories submitted in the last ${DAYS} days; the busiest hour was ${hourFormat.format(new Date(peak.time))} with ${peak.submitted}.`;

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-labelledby="chart-title chart-summary">
        <title id="chart-title">Directories submitted per hour, last {DAYS} days</title>
        <line x1={0} y1={height} x2={width} y2={height} className="chart-axis" />
        {series.map((s, i) =>
          s.submitted > 0 ? (
            <rect
              key={s.time}
              x={i * barWidth + 0.5}
              y={height - (s.submitted / max) * (height - 10)}
              width={Math.max(1, barWidth - 1)}
              height={(s.submitted / max) * (height - 10)}
              className="chart-bar"
            >
              <title>{`${hourFormat.format(new Date(s.time))}: ${s.submitted}`}</title>
            </rect>
          ) : null,
        )}
        {series.map((s, i) =>
          // A day label needs room to its right, so the last partial day goes unlabelled.
          new Date(s.time).getHours() === 0 && i < series.length - 14 ? (
            <text key={`label-${s.time}`} x={i * barWidth + 2} y={height + 15} className="chart-label">
              {dayFormat.format(new Date(s.time))}
            </text>
          ) : null,
        )}
        <text x={width - 4} y={12} textAnchor="end" className="chart-label">
          max {max}/h
        </text>
      </svg>
      <figcaption id="chart-summary">{summary}</figcaption>
      <details>
        <summary>Show as a table</summary>
        <table className="table table-compact">
          <caption className="visually-hidden">Directories submitted per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="right">
                Submitted
              </th>
            </tr>
          </thead>
          <tbody>
            {[...days].map(([day, n]) => (
              <tr key={day}>
                <td>{day}</td>
                <td className="num right">{formatNumber(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export default function OverviewPage() {
  useTitle("Overview");
  const trpc = useTRPC();
  const stats = useQuery(trpc.stats.overview.queryOptions({ days: DAYS }));

  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <span className="muted">Last {DAYS} days</span>
      </div>
      {stats.isPending ? (
        <Loading label="Counting…" />
      ) : stats.isError ? (
        <ErrorMessage
          error={stats.error}
          title="The overview could not be loaded"
          onRetry={() => stats.refetch()}
        />
      ) : (
        <>
          <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading" className="visually-hidden">
              Key figures
            </h2>
            <div className="kpis">
              <div className="kpi">
                <span className="kpi-label">Success rate</span>
                <span className="kpi-value num">{formatPercent(stats.data.successRate)}</span>
                <span className="muted small num">
                  {formatNumber(stats.data.results.submitted)} submitted,{" "}
                  {formatNumber(stats.data.results.failed)} failed
                </span>
              </div>
              <div className="kpi">
                <span className="kpi-label">Median time to complete a job</span>
                <span className="kpi-value num">{formatDuration(stats.data.medianJobSeconds)}</span>
              </div>
              <div className="kpi">
                <span className="kpi-label">Jobs waiting or running</span>
                <span className="kpi-value num">
                  {formatNumber(stats.data.jobsByStatus.pending + stats.data.jobsByStatus.in_progress)}
                </span>
              </div>
            </div>
          </section>
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading">Jobs by status</h2>
            <ul className="status-counts">
              {jobStatus.options.map((s: JobStatus) => (
                <li key={s}>
                  <span className={`dot dot-${s}`} aria-hidden="true" />
                  <span>{statusLabels[s]}</span>
                  <span className="num strong">{formatNumber(stats.data.jobsByStatus[s])}</span>
                </li>
              ))}
            </ul>
            <Link to="/">Open the queue</Link>
          </section>
          <section className="card" aria-labelledby="hourly-heading">
            <h2 id="hourly-heading">Directories submitted per hour</h2>
            <HourlyChart perHour={stats.data.submittedPerHour} />
          </section>
        </>
      )}
    </>
  );
}
