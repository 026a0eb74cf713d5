import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Loading } from "../components/States.tsx";
import {
  formatDateTime,
  packageName,
  reasonLabel,
  resultLabels,
  safeListingUrl,
  safeScreenshotUrl,
} from "../format.ts";
import { useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

/** The customer-facing report: what was submitted where, when, with proof. Print CSS trims the chrome. */
const route = getRouteApi("/jobs/$id/report");

export default function JobReportPage() {
  const { id } = route.useParams();
  const trpc = useTRPC();
  const detail = useQuery(trpc.jobs.byId.queryOptions({ id }));
  useTitle(detail.data ? `Report: ${detail.data.customer.businessName}` : "Report");

  if (detail.isPending) return <Loading label="Preparing the report…" />;
  if (detail.isError)
    return (
      <ErrorMessage
        error={detail.error}
        title="The report could not be loaded"
        onRetry={() => detail.refetch()}
      />
    );

  const { job, customer, results } = detail.data;
  return (
    <article className="report">
      <div className="report-tools no-print">
        <Link to="/jobs/$id" params={{ id: job.id }}>
          ← Back to the job
        </Link>
        <span className="actions-spacer" />
        <a href={`/reports/jobs/${job.id}.csv`} className="button" download>
          Download CSV
        </a>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <header className="report-head">
        <p className="muted">Directory submission report</p>
        <h1>{customer.businessName}</h1>
        <p>
          {customer.address}, {customer.city}, {customer.state} {customer.zip}
          <br />
          {customer.phone} · {customer.email}
          {customer.website ? ` · ${customer.website}` : ""}
        </p>
        <p className="muted">
          {packageName(job.metadata)} package, {job.packageSize} directories · {job.results.submitted}{" "}
          submitted, {job.results.failed} failed, {job.results.pending} pending · prepared{" "}
          {formatDateTime(new Date())}
        </p>
      </header>
      <table className="table report-table">
        <thead>
          <tr>
            <th scope="col">Directory</th>
            <th scope="col">Status</th>
            <th scope="col">Date</th>
            <th scope="col">Listing</th>
            <th scope="col">Proof</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => {
            const proof = safeScreenshotUrl(r.screenshotUrl);
            const listing =
              r.status === "submitted" ? safeListingUrl(r.listingUrl ?? r.listingReference) : undefined;
            return (
              <tr key={r.id}>
                <td>{r.directoryName}</td>
                <td>
                  {resultLabels[r.status] ?? r.status}
                  {r.reason && <div className="muted small">{reasonLabel(r.reason)}</div>}
                </td>
                <td className="num">{r.status === "submitted" ? formatDateTime(r.submittedAt) : "—"}</td>
                <td>
                  {listing ? (
                    <a href={listing} rel="noopener noreferrer">
                      {r.liveState === "live" ? "Live" : "Listing"}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  {proof ? (
                    <img
                      className="report-shot"
                      src={proof}
                      alt={`Proof for ${r.directoryName}`}
                      loading="lazy"
                    />
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
