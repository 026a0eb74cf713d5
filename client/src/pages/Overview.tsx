import { type JobStatus, jobStatus } from "@autobolt/contract";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";

const route = getRouteApi("/overview");

import { MismatchList } from "../components/LiveListing.tsx";
import { QueryStates } from "../components/States.tsx";
import { formatDuration, formatNumber, formatPercent, statusLabels } from "../format.ts";
import { useTitle } from "../hooks.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";

/** The ranges staff pick from; each reads in buckets that fit it (hours for a day, days beyond). */
export const overviewRanges = {
  day: { days: 1, label: "Last 24 hours" },
  week: { days: 7, label: "Last 7 days" },
  month: { days: 30, label: "Last 30 days" },
} as const;
export type OverviewRange = keyof typeof overviewRanges;

type Stats = RouterOutputs["stats"]["overview"];

const hourLabel = new Intl.DateTimeFormat(undefined, { hour: "numeric" });
const hourTitle = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "numeric" });
const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const dayTitle = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric" });

/** Submissions and failures per bucket, stacked, with a label every few buckets so they never crowd. */
function ActivityChart({ stats, range }: { stats: Stats; range: OverviewRange }) {
  const { series, bucket } = stats;
  const label = bucket === "hour" ? hourLabel : dayLabel;
  const title = bucket === "hour" ? hourTitle : dayTitle;
  const max = Math.max(1, ...series.map((b) => b.submitted + b.failed));
  const submitted = series.reduce((n, b) => n + b.submitted, 0);
  const failed = series.reduce((n, b) => n + b.failed, 0);
  const peak = series.reduce(
    (a, b) => (b.submitted > a.submitted ? b : a),
    series[0] ?? { start: "", submitted: 0, failed: 0 },
  );
  const width = 840;
  const height = 180;
  const slot = width / Math.max(1, series.length);
  const labelEvery = Math.ceil(series.length / 8);
  const scale = (n: number) => (n / max) * (height - 14);
  const when = overviewRanges[range].label.toLowerCase();
  const summary =
    submitted + failed === 0
      ? `Nothing was submitted or failed in the ${when}.`
      : `${formatNumber(submitted)} submitted and ${formatNumber(failed)} failed in the ${when}; the busiest ${bucket} was ${title.format(new Date(peak.start))} with ${formatNumber(peak.submitted)} submitted.`;

  return (
    <figure className="chart">
      <p className="chart-legend small">
        <span className="swatch swatch-ok" aria-hidden="true" />
        Submitted <span className="swatch swatch-failed" aria-hidden="true" />
        Failed <span className="muted">· per {bucket}</span>
      </p>
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-labelledby="chart-title chart-summary">
        <title id="chart-title">{`Directories submitted and failed per ${bucket}, ${when}`}</title>
        <line x1={0} y1={height} x2={width} y2={height} className="chart-axis" />
        {series.map((b, i) => {
          const x = i * slot + Math.min(2, slot * 0.1);
          const w = Math.max(1, slot - 2 * Math.min(2, slot * 0.1));
          const ok = scale(b.submitted);
          const bad = scale(b.failed);
          return (
            <g key={b.start}>
              <title>{`${title.format(new Date(b.start))}: ${b.submitted} submitted, ${b.failed} failed`}</title>
              {ok > 0 && (
                <rect x={x} y={height - ok} width={w} height={ok} className="chart-bar chart-bar-ok" />
              )}
              {bad > 0 && (
                <rect
                  x={x}
                  y={height - ok - bad}
                  width={w}
                  height={bad}
                  className="chart-bar chart-bar-failed"
                />
              )}
              {i % labelEvery === 0 && (
                <text x={x} y={height + 15} className="chart-label">
                  {label.format(new Date(b.start))}
                </text>
              )}
            </g>
          );
        })}
        <text x={width - 4} y={12} textAnchor="end" className="chart-label">
          max {max}/{bucket}
        </text>
      </svg>
      <figcaption id="chart-summary">{summary}</figcaption>
      <details>
        <summary>Show as a table</summary>
        <table className="table table-compact">
          <caption className="visually-hidden">Directories submitted and failed per {bucket}</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === "hour" ? "Hour" : "Day"}</th>
              <th scope="col" className="right">
                Submitted
              </th>
              <th scope="col" className="right">
                Failed
              </th>
            </tr>
          </thead>
          <tbody>
            {series.map((b) => (
              <tr key={b.start}>
                <td>{title.format(new Date(b.start))}</td>
                <td className="num right">{formatNumber(b.submitted)}</td>
                <td className="num right">{formatNumber(b.failed)}</td>
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
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const range: OverviewRange = search.range ?? "week";
  const stats = useQuery({
    ...trpc.stats.overview.queryOptions({ days: overviewRanges[range].days }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <fieldset className="tabs tabs-compact">
          <legend className="visually-hidden">Range</legend>
          {(Object.keys(overviewRanges) as OverviewRange[]).map((r) => (
            <button
              key={r}
              type="button"
              className="tab"
              aria-pressed={range === r}
              onClick={() => void navigate({ search: { range: r === "week" ? undefined : r } })}
            >
              {overviewRanges[r].label}
            </button>
          ))}
        </fieldset>
      </div>
      <QueryStates query={stats} loading="Counting…" errorTitle="The overview could not be loaded">
        {(data) => (
          <>
            <section aria-labelledby="kpi-heading">
              <h2 id="kpi-heading" className="visually-hidden">
                Key figures
              </h2>
              <div className="kpis">
                <div className="kpi">
                  <span className="kpi-label">Success rate</span>
                  <span className="kpi-value num">{formatPercent(data.successRate)}</span>
                  <span className="muted small num">
                    {formatNumber(data.results.submitted)} submitted, {formatNumber(data.results.failed)}{" "}
                    failed
                  </span>
                </div>
                <div className="kpi">
                  <span className="kpi-label">Median time to complete a job</span>
                  <span className="kpi-value num">{formatDuration(data.medianJobSeconds)}</span>
                </div>
                <div className="kpi">
                  <span className="kpi-label">Queue now</span>
                  <span className="kpi-value num">{formatNumber(data.now.waiting + data.now.running)}</span>
                  <span className="muted small num">
                    {formatNumber(data.now.waiting)} waiting, {formatNumber(data.now.running)} running
                  </span>
                </div>
                <div className="kpi">
                  <span className="kpi-label">Live within 28 days</span>
                  <span className="kpi-value num">{formatPercent(data.live.liveWithin28DaysRate)}</span>
                  <span className="muted small num">
                    {formatNumber(data.live.liveWithin28Days)} of {formatNumber(data.live.submitted)}{" "}
                    submitted; {formatNumber(data.live.mismatch)} wrong details,{" "}
                    {formatNumber(data.live.gone)} not found
                  </span>
                </div>
                <div className="kpi">
                  <span className="kpi-label">Throughput now</span>
                  <span className="kpi-value num">{formatNumber(data.now.submittedLastHour)}/h</span>
                  <span className="muted small">directories submitted in the last hour</span>
                </div>
              </div>
            </section>
            <MismatchList />
            <section className="card" aria-labelledby="status-heading">
              <h2 id="status-heading">Jobs by status</h2>
              <ul className="status-counts">
                {jobStatus.options.map((s: JobStatus) => (
                  <li key={s}>
                    <span className={`dot dot-${s}`} aria-hidden="true" />
                    <span>{statusLabels[s]}</span>
                    <span className="num strong">{formatNumber(data.jobsByStatus[s])}</span>
                  </li>
                ))}
              </ul>
              <Link to="/">Open the queue</Link>
            </section>
            <section className="card" aria-labelledby="activity-heading">
              <h2 id="activity-heading">Submitted and failed</h2>
              <ActivityChart stats={data} range={range} />
            </section>
          </>
        )}
      </QueryStates>
    </>
  );
}
