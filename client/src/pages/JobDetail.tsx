import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { AccountControls, ConfirmationNote } from "../components/Confirmation.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { CustomerLinks } from "../components/CustomerLinks.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { LiveListing, livePercent } from "../components/LiveListing.tsx";
import { ProgressBar } from "../components/ProgressBar.tsx";
import { allowedActions, ResultActions } from "../components/ResultActions.tsx";
import { ResultBulkActions } from "../components/ResultBulkActions.tsx";
import { Screenshot } from "../components/Screenshot.tsx";
import { Empty, Loading } from "../components/States.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import {
  formatDateTime,
  outcomeText,
  packageName,
  priorityLabels,
  reasonLabel,
  relativeTime,
  resolutionLabels,
  statusLabels,
} from "../format.ts";
import { useNow, useTitle } from "../hooks.ts";
import { errorCode, type RouterOutputs, useTRPC } from "../trpc.ts";

type Detail = RouterOutputs["jobs"]["byId"];
type JobEvent = Detail["events"][number];

const eventLabels: Record<string, string> = {
  created: "Created",
  claimed: "Claimed by a worker",
  results: "Results reported",
  lease_lost: "Worker lost the job",
  released: "Handed back to the queue",
  completed: "Completed",
  failed: "Failed",
  retried: "Failed directories retried",
  cancelled: "Cancelled",
  priority_changed: "Priority changed",
  result_resolved: "Resolved by hand",
  result_skipped: "Skipped",
  result_retried: "Retried one directory",
  result_replaced: "Replaced",
  result_assigned: "Assigned",
  result_noted: "Note",
  email_confirmed: "Confirmed by email",
  email_link_failed: "Email confirmation failed",
  account_revealed: "Account password revealed",
  listing_checked: "Listing checked",
  recheck_requested: "Re-check asked for",
};

function describeEvent(event: JobEvent): string {
  const d = event.data as Record<string, unknown>;
  switch (event.type) {
    case "created":
      return `${String(d.package ?? "")} package, ${String(d.size ?? "?")} directories`;
    case "results":
      return `${Number(d.submitted ?? 0)} submitted, ${Number(d.failed ?? 0)} failed`;
    case "priority_changed":
      return `from P${String(d.from)} to P${String(d.to)}`;
    case "retried":
      return Array.isArray(d.directories) ? `${d.directories.length} directories back to pending` : "";
    case "cancelled":
      return [
        d.previousStatus ? `was ${String(d.previousStatus).replace("_", " ")}` : "",
        typeof d.skipped === "number" ? `${d.skipped} never tried, skipped` : "",
      ]
        .filter(Boolean)
        .join("; ");
    case "result_resolved":
      return `${String(d.directoryId)}: ${String(d.listingReference ?? "")}${d.note ? ` (${String(d.note)})` : ""}`;
    case "result_replaced": {
      const replacement = d.replacement as { directoryId?: string } | undefined;
      return `${String(d.directoryId)} by ${String(replacement?.directoryId ?? "?")}`;
    }
    case "result_assigned":
      return `${String(d.directoryId)} to ${d.assignee ? String(d.assignee) : "nobody"}`;
    case "result_noted":
      return `${String(d.directoryId)}: ${String(d.note ?? "(cleared)")}`;
    case "result_skipped":
    case "result_retried":
      return String(d.directoryId);
    case "email_confirmed":
      return typeof d.finalUrl === "string" ? d.finalUrl : "";
    case "email_link_failed":
      return d.noMail ? "no mail came in time" : String(d.error ?? "");
    case "account_revealed":
    case "recheck_requested":
      return String(d.directoryId ?? "");
    case "listing_checked":
      return `${String(d.directoryId ?? "")}: ${String(d.state ?? "").replace("_", " ")}${
        Array.isArray(d.fields) ? ` (${d.fields.join(", ")})` : ""
      }${d.foundBySearch ? ", found by searching the directory" : ""}`;
    default:
      return typeof d.reason === "string" ? d.reason : "";
  }
}

type Action = "retry" | "cancel" | "priority" | null;

export function JobDetailPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow();
  const detail = useQuery(trpc.jobs.byId.queryOptions({ id }));
  useTitle(detail.data ? detail.data.job.businessName : "Job");

  const [action, setAction] = useState<Action>(null);
  const [newPriority, setNewPriority] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const names = new Map(detail.data?.results.map((r) => [r.id, r.directoryName]));

  const afterChange = async (message: string) => {
    setAction(null);
    setDone(message);
    await queryClient.invalidateQueries(trpc.jobs.pathFilter());
  };
  const retry = useMutation(
    trpc.jobs.retryFailed.mutationOptions({
      onSuccess: (r) =>
        afterChange(
          `${r.retried} failed directories are pending again.${
            r.interruptedKept > 0
              ? ` ${r.interruptedKept} interrupted ones were left for a person to check first.`
              : ""
          }`,
        ),
    }),
  );
  const cancel = useMutation(
    trpc.jobs.cancel.mutationOptions({ onSuccess: () => afterChange("The job was cancelled.") }),
  );
  const priority = useMutation(
    trpc.jobs.setPriority.mutationOptions({
      onSuccess: (job) => afterChange(`Priority is now ${priorityLabels[job?.priorityLevel ?? 3]}.`),
    }),
  );

  if (detail.isPending) return <Loading label="Loading the job…" />;
  if (detail.isError) {
    return (
      <>
        <h1>Job</h1>
        <ErrorMessage
          error={detail.error}
          title={errorCode(detail.error) === "NOT_FOUND" ? "No such job" : "The job could not be loaded"}
          onRetry={errorCode(detail.error) === "NOT_FOUND" ? undefined : () => detail.refetch()}
        />
        <p>
          <Link to="/">Back to the queue</Link>
        </p>
      </>
    );
  }

  const { job, customer, results, events } = detail.data;
  // What the job-wide retry takes: open failures but the interrupted ones, which wait for a person.
  const retryable = results.filter(
    (r) => r.status === "failed" && r.resolution === null && r.reason !== "interrupted",
  ).length;
  const canRetry = retryable > 0 || job.status === "failed";
  const selectable = results.filter((r) => {
    const a = allowedActions(r, job.status);
    return a.skip || a.retry || a.replace;
  });
  const chosen = [...selected].filter((id) => selectable.some((r) => r.id === id));
  const canCancel = job.status !== "complete" && job.status !== "cancelled";
  const chosenPriority = newPriority ?? job.priorityLevel;

  function close() {
    setAction(null);
    retry.reset();
    cancel.reset();
    priority.reset();
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/">Queue</Link> <span aria-hidden="true">/</span> <span>{job.businessName}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>{job.businessName}</h1>
          <p className="muted">
            {packageName(job.metadata)} package · {job.packageSize} directories · created{" "}
            <time dateTime={job.createdAt} title={formatDateTime(job.createdAt)}>
              {relativeTime(job.createdAt, now)}
            </time>
          </p>
        </div>
        <div className="right">
          <StatusBadge status={job.status} attention={job.results.needPerson > 0} />
          {outcomeText(job.status, job.results) && (
            <span className={job.results.needPerson > 0 ? "outcome outcome-attention" : "outcome muted"}>
              {outcomeText(job.status, job.results)}
            </span>
          )}
        </div>
      </div>

      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading" className="visually-hidden">
          Progress
        </h2>
        <ProgressBar value={job.progress} label={`Progress of ${job.businessName}`} counts={job.results} />
        {(() => {
          const live = livePercent(results);
          return live.submitted > 0 ? (
            <p className="small listing-summary">
              <span className="strong">{live.text} live</span>: {live.live} of {live.submitted} submitted
              listings seen live with the right name, address and phone.
            </p>
          ) : null;
        })()}
        <div className="actions">
          <button type="button" className="button" disabled={!canRetry} onClick={() => setAction("retry")}>
            Retry failed ({retryable})
          </button>
          <div className="inline-control">
            <label htmlFor="job-priority">Priority</label>
            <select
              id="job-priority"
              value={chosenPriority}
              onChange={(e) => setNewPriority(Number(e.target.value))}
            >
              {[1, 2, 3, 4, 5].map((p) => (
                <option key={p} value={p}>
                  {priorityLabels[p]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={chosenPriority === job.priorityLevel}
              onClick={() => setAction("priority")}
            >
              Change priority
            </button>
          </div>
          <button
            type="button"
            className="button button-danger-outline"
            disabled={!canCancel}
            onClick={() => setAction("cancel")}
          >
            Cancel job
          </button>
          <span className="actions-spacer" />
          <Link to="/jobs/$id/report" params={{ id: job.id }} className="button">
            Report
          </Link>
          <a href={`/reports/jobs/${job.id}.csv`} className="button" download>
            Download CSV
          </a>
        </div>
        {done && (
          <p className="notice notice-success" role="status">
            {done}
          </p>
        )}
        {job.lastError && (
          <p className="notice notice-warning">
            <strong>Last error:</strong> {job.lastError}
          </p>
        )}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="customer-heading">
          <h2 id="customer-heading">
            <Link to="/customers/$id" params={{ id: customer.id }}>
              Customer
            </Link>
          </h2>
          <dl className="facts">
            <dt>Business</dt>
            <dd>{customer.businessName}</dd>
            <dt>Email</dt>
            <dd>{customer.email}</dd>
            <dt>Phone</dt>
            <dd>{customer.phone}</dd>
            <dt>Website</dt>
            <dd>{customer.website ?? "—"}</dd>
            <dt>Address</dt>
            <dd>
              {customer.address}, {customer.city}, {customer.state} {customer.zip}
            </dd>
            {customer.category && (
              <>
                <dt>Category</dt>
                <dd>{customer.category}</dd>
              </>
            )}
            {customer.description && (
              <>
                <dt>Description</dt>
                <dd>{customer.description}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="job-heading">
          <h2 id="job-heading">Job</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>{statusLabels[job.status]}</dd>
            <dt>Priority</dt>
            <dd>{priorityLabels[job.priorityLevel]}</dd>
            <dt>Worker</dt>
            <dd>{job.workerId ?? "—"}</dd>
            <dt>Attempts</dt>
            <dd className="num">{job.attempts}</dd>
            <dt>Created</dt>
            <dd>{formatDateTime(job.createdAt)}</dd>
            <dt>Started</dt>
            <dd>{formatDateTime(job.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{formatDateTime(job.completedAt)}</dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Directories ({results.length})</h2>
        {selectable.length > 0 && (
          <ResultBulkActions
            actions={["skip", "retry", "replace"]}
            selected={chosen}
            names={names}
            onDone={(report) => {
              setSelected(new Set());
              setDone(report);
            }}
          />
        )}
        {results.length === 0 ? (
          <Empty title="No directories planned for this job" />
        ) : (
          <div className="table-wrap">
            <table className="table table-stack">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col">Directory</th>
                  <th scope="col">Status</th>
                  <th scope="col">Listing</th>
                  <th scope="col">Time</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Error</th>
                  <th scope="col">Proof</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr key={r.id} className={r.resolution === "replaced" ? "row-muted" : undefined}>
                    <td>
                      {selectable.includes(r) && (
                        <input
                          type="checkbox"
                          aria-label={`Select ${r.directoryName}`}
                          checked={selected.has(r.id)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.target.checked) next.add(r.id);
                            else next.delete(r.id);
                            setSelected(next);
                          }}
                        />
                      )}
                    </td>
                    <td data-label="Directory">
                      <span className="strong">{r.directoryName}</span>
                      <div className="muted small">{r.directoryId}</div>
                    </td>
                    <td data-label="Status">
                      {r.resolution === "skipped" || r.resolution === "replaced" ? (
                        // Decided and final: not a failure waiting for anyone, so not red.
                        <span className="badge badge-cancelled">{resolutionLabels[r.resolution]}</span>
                      ) : (
                        <StatusBadge status={r.status} />
                      )}
                      {r.resolution === "resolved_by_hand" && (
                        <div className="small muted">{resolutionLabels[r.resolution]}</div>
                      )}
                      {r.listingReference && <div className="small cell-error">{r.listingReference}</div>}
                      <ConfirmationNote result={r} />
                      {r.account && <AccountControls account={r.account} directoryName={r.directoryName} />}
                    </td>
                    <td data-label="Listing">
                      {r.status === "submitted" ? (
                        <LiveListing result={r} />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td data-label="Time" className="small">
                      {r.status === "pending" ? "—" : formatDateTime(r.submittedAt ?? r.updatedAt)}
                    </td>
                    <td data-label="Reason">{reasonLabel(r.reason) || <span className="muted">—</span>}</td>
                    <td data-label="Error" className="cell-error">
                      {r.errorMessage ?? <span className="muted">—</span>}
                    </td>
                    <td data-label="Proof">
                      <Screenshot
                        url={r.resolutionProofUrl ?? r.screenshotUrl}
                        label={`${r.directoryName} for ${job.businessName}`}
                      />
                    </td>
                    <td data-label="Actions">
                      <ResultActions result={r} jobStatus={job.status} onDone={setDone} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <CustomerLinks jobId={job.id} />

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Event log</h2>
        {events.length === 0 ? (
          <Empty title="No events yet" />
        ) : (
          <ol className="events">
            {events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.createdAt} className="muted small num">
                  {formatDateTime(e.createdAt)}
                </time>
                <span className="strong">{eventLabels[e.type] ?? e.type}</span>
                <span>{describeEvent(e)}</span>
                <span className="muted small">{e.actor}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <ConfirmDialog
        open={action === "retry"}
        title="Retry failed directories?"
        confirmLabel="Retry failed"
        busy={retry.isPending}
        error={retry.error}
        onConfirm={() => retry.mutate({ id: job.id })}
        onClose={close}
      >
        <p>
          The failed directories nobody has decided yet go back to pending and the job returns to the queue.
          Skipped and replaced ones stay as they are, and interrupted ones (their listing may exist) wait for
          a person to check them. What each failure said stays in the event log.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={action === "cancel"}
        title="Cancel this job?"
        confirmLabel="Cancel job"
        destructive
        busy={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancel.mutate({ id: job.id })}
        onClose={close}
      >
        <p>
          No more directories will be submitted for {job.businessName}. Directories never tried become
          skipped; results a worker reports for directories it had already started are kept, as their listings
          exist. This cannot be undone.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={action === "priority"}
        title="Change priority?"
        confirmLabel="Change priority"
        busy={priority.isPending}
        error={priority.error}
        onConfirm={() => priority.mutate({ id: job.id, priorityLevel: chosenPriority })}
        onClose={close}
      >
        <p>
          From {priorityLabels[job.priorityLevel]} to {priorityLabels[chosenPriority]}.
        </p>
      </ConfirmDialog>
    </>
  );
}
