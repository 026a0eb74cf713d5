import { type JobStatus, jobStatus } from "@autobolt/contract";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { Pagination } from "../components/Pagination.tsx";
import { ProgressBar } from "../components/ProgressBar.tsx";
import { QueueBulkActions } from "../components/QueueBulkActions.tsx";
import { Empty, QueryStates } from "../components/States.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import {
  formatDateTime,
  formatNumber,
  outcomeText,
  packageName,
  relativeTime,
  statusLabels,
} from "../format.ts";
import { useNow, useSearchBox, useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

const PAGE_SIZE = 25;
const route = getRouteApi("/");

const sorts = [
  { value: "createdAt:desc", label: "Newest first" },
  { value: "createdAt:asc", label: "Oldest first" },
  { value: "updatedAt:desc", label: "Recently updated" },
  { value: "priorityLevel:asc", label: "Most urgent first" },
  { value: "businessName:asc", label: "Business name A–Z" },
  { value: "status:asc", label: "Status" },
] as const;
type SortValue = (typeof sorts)[number]["value"];

export function QueuePage() {
  useTitle("Queue");
  const trpc = useTRPC();
  const now = useNow();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // Tab, search, sort and page live in the address: a reload, a shared link or Back shows this view.
  const setView = (patch: Partial<typeof search>, replace = false) =>
    void navigate({
      search: (prev) => ({ ...prev, created: undefined, page: undefined, ...patch }),
      replace,
    });
  // "needs_person": jobs with a failed directory nobody has resolved, skipped or replaced yet.
  const status: JobStatus | "all" | "needs_person" = search.tab ?? "all";
  const [searchText, setSearchText] = useSearchBox(search.q, (q) => setView({ q }, true));
  const sort: SortValue = search.sort ?? "createdAt:desc";
  const offset = ((search.page ?? 1) - 1) * PAGE_SIZE;
  const [sortKey, direction] = sort.split(":") as [
    "createdAt" | "updatedAt" | "priorityLevel" | "businessName" | "status",
    "asc" | "desc",
  ];
  const searchTerm = search.q ?? "";

  const queue = useQuery({
    ...trpc.jobs.list.queryOptions({
      status: status === "all" || status === "needs_person" ? undefined : [status],
      needsPerson: status === "needs_person" ? true : undefined,
      search: searchTerm || undefined,
      sort: sortKey,
      direction,
      limit: PAGE_SIZE,
      offset,
    }),
    // Keep the table in place while a new filter loads instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });

  const createdId = search.created;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const items = queue.data?.items ?? [];
  // Only what is on this page can be acted on: a selection never reaches jobs out of sight.
  const chosen = items.filter((job) => selected.has(job.id)).map((job) => job.id);
  const names = new Map(items.map((job) => [job.id, job.businessName]));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const created = queue.data?.items.find((job) => job.id === createdId);
  const counts = queue.data?.counts;
  const allCount = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;

  return (
    <>
      <div className="page-head">
        <h1>Queue</h1>
        <Link to="/customers/new" className="button button-primary">
          New customer
        </Link>
      </div>

      {created && (
        <p className="notice notice-success" role="status">
          Job created for <strong>{created.businessName}</strong>: {created.packageSize} directories, now{" "}
          {statusLabels[created.status].toLowerCase()}.{" "}
          <Link to="/jobs/$id" params={{ id: created.id }}>
            Open the job
          </Link>
        </p>
      )}

      <fieldset className="tabs">
        <legend className="visually-hidden">Filter by status</legend>
        {(["all", ...jobStatus.options] as const).map((s) => (
          <button
            key={s}
            type="button"
            className="tab"
            aria-pressed={status === s}
            onClick={() => setView({ tab: s === "all" ? undefined : s })}
          >
            {s === "all" ? "All" : statusLabels[s]}
            <span className="tab-count num">
              {s === "all" ? (allCount ?? "…") : counts ? formatNumber(counts[s]) : "…"}
            </span>
          </button>
        ))}
        <button
          type="button"
          className="tab tab-attention"
          aria-pressed={status === "needs_person"}
          onClick={() => setView({ tab: "needs_person" })}
        >
          Needs a person
          <span className="tab-count num">{queue.data ? formatNumber(queue.data.needsPerson) : "…"}</span>
        </button>
      </fieldset>

      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="queue-search">Search</label>
          <input
            id="queue-search"
            type="search"
            placeholder="Business name or email"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
        <div className="field field-inline">
          <label htmlFor="queue-sort">Sort</label>
          <select
            id="queue-sort"
            value={sort}
            onChange={(e) => {
              const value = e.target.value as SortValue;
              setView({ sort: value === "createdAt:desc" ? undefined : value });
            }}
          >
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <QueryStates
        query={queue}
        loading="Loading the queue…"
        errorTitle="The queue could not be loaded"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <Empty title={searchTerm || status !== "all" ? "No jobs match" : "The queue is empty"}>
            {searchTerm || status !== "all" ? (
              <p>Try another search or status.</p>
            ) : (
              <p>
                <Link to="/customers/new">Add a customer</Link> to create the first job.
              </p>
            )}
          </Empty>
        }
      >
        {(data) => (
          <>
            <QueueBulkActions selected={chosen} names={names} onDone={() => setSelected(new Set())} />
            <div className="table-wrap">
              <table className="table table-stack">
                <caption className="visually-hidden">Jobs</caption>
                <thead>
                  <tr>
                    <th scope="col" className="cell-check">
                      <input
                        type="checkbox"
                        aria-label="Select every job on this page"
                        checked={items.length > 0 && chosen.length === items.length}
                        onChange={(e) =>
                          setSelected(e.target.checked ? new Set(items.map((j) => j.id)) : new Set())
                        }
                      />
                    </th>
                    <th scope="col">Customer</th>
                    <th scope="col">Package</th>
                    <th scope="col">Priority</th>
                    <th scope="col">Status</th>
                    <th scope="col">Progress</th>
                    <th scope="col">Age</th>
                    <th scope="col">Worker</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((job) => (
                    <tr key={job.id} className={job.id === createdId ? "row-highlight" : undefined}>
                      <td className="cell-check">
                        <input
                          type="checkbox"
                          aria-label={`Select ${job.businessName}`}
                          checked={selected.has(job.id)}
                          onChange={(e) => toggle(job.id, e.target.checked)}
                        />
                      </td>
                      <td data-label="Customer">
                        <Link to="/jobs/$id" params={{ id: job.id }} className="strong">
                          {job.businessName}
                        </Link>
                        <div className="muted small">{job.email}</div>
                      </td>
                      <td data-label="Package">
                        {packageName(job.metadata)}
                        <div className="muted small num nowrap">{job.packageSize} directories</div>
                      </td>
                      <td data-label="Priority" className="num">
                        <span className={`priority priority-${job.priorityLevel}`}>P{job.priorityLevel}</span>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={job.status} attention={job.results.needPerson > 0} />
                        {outcomeText(job.status, job.results) && (
                          <span
                            className={
                              job.results.needPerson > 0 ? "outcome outcome-attention" : "outcome muted"
                            }
                          >
                            {outcomeText(job.status, job.results)}
                          </span>
                        )}
                      </td>
                      <td data-label="Progress" className="cell-progress">
                        <ProgressBar
                          value={job.progress}
                          label={`Progress of ${job.businessName}`}
                          counts={job.results}
                        />
                      </td>
                      <td data-label="Age" className="nowrap">
                        <time dateTime={job.createdAt} title={formatDateTime(job.createdAt)}>
                          {relativeTime(job.createdAt, now)}
                        </time>
                      </td>
                      <td data-label="Worker" className="small">
                        {job.workerId ?? <span className="muted">—</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              label="Queue pages"
              total={data.total}
              limit={PAGE_SIZE}
              offset={offset}
              onPage={(page) => setView({ page })}
            />
          </>
        )}
      </QueryStates>
    </>
  );
}
