import { type FailureReason, needsPersonReasons } from "@autobolt/contract";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { Screenshot } from "../components/Screenshot.tsx";
import { Empty, Loading } from "../components/States.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime, reasonLabels, relativeTime } from "../format.ts";
import { useNow, useTitle } from "../hooks.ts";
import { Link } from "../router.tsx";
import { useTRPC } from "../trpc.ts";

const PAGE_SIZE = 25;

export function NeedsAttentionPage() {
  useTitle("Needs attention");
  const trpc = useTRPC();
  const now = useNow();
  const [reason, setReason] = useState<FailureReason | "">("");
  const [directoryId, setDirectoryId] = useState("");
  const [offset, setOffset] = useState(0);
  const directories = useQuery(trpc.directories.list.queryOptions({ limit: 200 }));
  const list = useQuery({
    ...trpc.results.needsAttention.queryOptions({
      reasons: reason ? [reason] : undefined,
      directoryId: directoryId || undefined,
      limit: PAGE_SIZE,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const totalAll = list.data ? Object.values(list.data.counts).reduce((a, b) => a + (b ?? 0), 0) : undefined;

  return (
    <>
      <div className="page-head">
        <h1>Needs attention</h1>
      </div>
      <p className="lead">
        Submissions no retry will fix: a person has to solve a captcha, verify an email or phone, log in, fix
        what the form refused, or check an interrupted one before it is retried.
      </p>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="attention-reason">Reason</label>
          <select
            id="attention-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value as FailureReason | "");
              setOffset(0);
            }}
          >
            <option value="">All reasons{totalAll !== undefined ? ` (${totalAll})` : ""}</option>
            {needsPersonReasons.map((r) => (
              <option key={r} value={r}>
                {reasonLabels[r]} ({list.data?.counts[r] ?? 0})
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="attention-directory">Directory</label>
          <select
            id="attention-directory"
            value={directoryId}
            onChange={(e) => {
              setDirectoryId(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">All directories</option>
            {directories.data?.items.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </div>

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage
          error={list.error}
          title="This list could not be loaded"
          onRetry={() => list.refetch()}
        />
      ) : list.data.items.length === 0 ? (
        <Empty
          title={reason || directoryId ? "Nothing matches these filters" : "Nothing needs a person right now"}
        />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Directory</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Error</th>
                  <th scope="col">Proof</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <Link to={`/jobs/${item.jobId}`} className="strong">
                        {item.businessName}
                      </Link>
                      <div className="muted small">{item.email}</div>
                      <StatusBadge status={item.jobStatus} />
                    </td>
                    <td>{item.directoryName}</td>
                    <td>
                      <span className="reason">{item.reason ? reasonLabels[item.reason] : "—"}</span>
                    </td>
                    <td className="cell-error">{item.errorMessage ?? <span className="muted">—</span>}</td>
                    <td>
                      <Screenshot
                        url={item.screenshotUrl}
                        label={`${item.directoryName} for ${item.businessName}`}
                      />
                    </td>
                    <td>
                      <time dateTime={item.updatedAt} title={formatDateTime(item.updatedAt)}>
                        {relativeTime(item.updatedAt, now)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            label="Needs-attention pages"
            total={list.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
          />
        </>
      )}
    </>
  );
}
