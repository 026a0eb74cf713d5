import { needsPersonReasons } from "@autobolt/contract";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { ResultActions, useInvalidateResults } from "../components/ResultActions.tsx";
import { ResultBulkActions } from "../components/ResultBulkActions.tsx";
import { Screenshot } from "../components/Screenshot.tsx";
import { Empty, QueryStates } from "../components/States.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { formatDateTime, reasonLabels, relativeTime } from "../format.ts";
import { useNow, useTitle } from "../hooks.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";

const PAGE_SIZE = 50;
const route = getRouteApi("/attention");
type NeedsPersonReason = (typeof needsPersonReasons)[number];

type Item = RouterOutputs["results"]["needsAttention"]["items"][number];
type Assigned = "" | "mine" | "unassigned";

/** The note on one item, saved when the person says so. */
function NoteField({ item, onDone }: { item: Item; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateResults();
  const [text, setText] = useState(item.attentionNote ?? "");
  const save = useMutation(
    trpc.results.note.mutationOptions({
      onSuccess: async () => {
        onDone(`Note saved on ${item.directoryName}.`);
        await invalidate();
      },
    }),
  );
  const changed = text.trim() !== (item.attentionNote ?? "");
  return (
    <form
      className="note-field"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ resultId: item.id, note: text.trim() });
      }}
    >
      <input
        aria-label={`Note on ${item.directoryName} for ${item.businessName}`}
        placeholder="Add a note"
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {changed && (
        <button type="submit" className="button button-small" disabled={save.isPending}>
          Save note
        </button>
      )}
    </form>
  );
}

/**
 * Needs attention as a work queue: failures no retry will fix, grouped by reason with counts, each
 * with its error and proof beside it, an assignee and a note, and the remedies (resolve by hand,
 * skip, retry this one, replace, open the directory), one at a time or over a selection. An
 * interrupted item asks the person to check the directory before anything is resubmitted.
 */
export function NeedsAttentionPage() {
  useTitle("Needs attention");
  const trpc = useTRPC();
  const now = useNow();
  const invalidate = useInvalidateResults();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // Filters and page live in the address, so a reload or Back comes back to the same items.
  const setView = (patch: Partial<typeof search>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }) });
  const reason: NeedsPersonReason | "" = search.reason ?? "";
  const directoryId = search.directory ?? "";
  const assigned: Assigned = search.assigned ?? "";
  const offset = ((search.page ?? 1) - 1) * PAGE_SIZE;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const directories = useQuery(trpc.directories.list.queryOptions({ limit: 200 }));
  const list = useQuery({
    ...trpc.results.needsAttention.queryOptions({
      reasons: reason ? [reason] : undefined,
      directoryId: directoryId || undefined,
      assigned: assigned || undefined,
      limit: PAGE_SIZE,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const totalAll = list.data ? Object.values(list.data.counts).reduce((a, b) => a + (b ?? 0), 0) : undefined;
  const items = list.data?.items ?? [];
  const chosen = [...selected].filter((id) => items.some((i) => i.id === id));
  const names = new Map(items.map((i) => [i.id, `${i.directoryName} (${i.businessName})`]));

  const assign = useMutation(
    trpc.results.assign.mutationOptions({
      onSuccess: async (r) => {
        setDone(
          r.assignedTo ? `${r.directoryName} is assigned to you.` : `${r.directoryName} is unassigned.`,
        );
        await invalidate();
      },
    }),
  );

  const groups = needsPersonReasons
    .map((r) => ({ reason: r, items: items.filter((i) => i.reason === r) }))
    .filter((g) => g.items.length > 0);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <>
      <div className="page-head">
        <h1>Needs attention</h1>
      </div>
      <p className="lead">
        Submissions no retry will fix: a person solves a captcha, verifies an email or phone, logs in, fixes
        what the form refused, or checks an interrupted one before anything is resubmitted. Take one, then
        resolve it by hand, retry it, replace it with another directory, or skip it.
      </p>

      <fieldset className="reason-summary">
        <legend className="visually-hidden">Open items by reason</legend>
        {needsPersonReasons.map((r) => (
          <button
            key={r}
            type="button"
            className="tab"
            aria-pressed={reason === r}
            onClick={() => setView({ reason: reason === r ? undefined : r })}
          >
            {reasonLabels[r]}
            <span className="tab-count num">{list.data?.counts[r] ?? 0}</span>
          </button>
        ))}
      </fieldset>

      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="attention-assigned">Assigned</label>
          <select
            id="attention-assigned"
            value={assigned}
            onChange={(e) => setView({ assigned: (e.target.value as Assigned) || undefined })}
          >
            <option value="">Everyone's{totalAll !== undefined && !assigned ? ` (${totalAll})` : ""}</option>
            <option value="mine">Assigned to me</option>
            <option value="unassigned">Unassigned</option>
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="attention-reason">Reason</label>
          <select
            id="attention-reason"
            value={reason}
            onChange={(e) => setView({ reason: (e.target.value as NeedsPersonReason | "") || undefined })}
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
            onChange={(e) => setView({ directory: e.target.value || undefined })}
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

      {items.length > 0 && (
        <ResultBulkActions
          actions={["assign", "retry", "skip"]}
          selected={chosen}
          names={names}
          onDone={(report) => {
            setSelected(new Set());
            setDone(report);
          }}
        />
      )}
      {done && (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      )}
      {assign.error ? <ErrorMessage error={assign.error} /> : null}

      <QueryStates
        query={list}
        errorTitle="This list could not be loaded"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <Empty
            title={
              reason || directoryId || assigned
                ? "Nothing matches these filters"
                : "Nothing needs a person right now"
            }
          />
        }
      >
        {(data) => (
          <>
            {groups.map((group) => (
              <section
                key={group.reason}
                aria-labelledby={`group-${group.reason}`}
                className="attention-group"
              >
                <h2 id={`group-${group.reason}`}>
                  {reasonLabels[group.reason]}{" "}
                  <span className="muted num">({data.counts[group.reason] ?? group.items.length})</span>
                </h2>
                {group.reason === "interrupted" && (
                  <p className="notice notice-warning">
                    A worker stopped while submitting these, so each listing may already exist. Open the
                    directory and check before anything is resubmitted: resolve by hand if it is there, retry
                    only if it is not.
                  </p>
                )}
                <div className="table-wrap">
                  <table className="table table-stack">
                    <thead>
                      <tr>
                        <th scope="col">
                          <span className="visually-hidden">Select</span>
                        </th>
                        <th scope="col">Customer and directory</th>
                        <th scope="col">Error and proof</th>
                        <th scope="col">Assigned and note</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {group.items.map((item) => (
                        <tr key={item.id}>
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`Select ${item.directoryName} for ${item.businessName}`}
                              checked={selected.has(item.id)}
                              onChange={(e) => toggle(item.id, e.target.checked)}
                            />
                          </td>
                          <td data-label="Customer and directory">
                            <Link to="/jobs/$id" params={{ id: item.jobId }} className="strong">
                              {item.businessName}
                            </Link>
                            <div>{item.directoryName}</div>
                            <div className="muted small">
                              <StatusBadge status={item.jobStatus} />{" "}
                              <time dateTime={item.updatedAt} title={formatDateTime(item.updatedAt)}>
                                {relativeTime(item.updatedAt, now)}
                              </time>
                            </div>
                          </td>
                          <td data-label="Error and proof" className="cell-error">
                            <span className="reason">{item.reason ? reasonLabels[item.reason] : "—"}</span>
                            <div>{item.errorMessage ?? <span className="muted">No message</span>}</div>
                            {item.mail && (
                              <details className="attention-mail">
                                <summary className="small">
                                  Mail: {item.mail.subject || "(no subject)"}
                                </summary>
                                <div className="small muted">from {item.mail.from}</div>
                                <pre className="mail-text">{item.mail.text}</pre>
                                {item.mail.link && (
                                  <a
                                    className="small"
                                    href={item.mail.link}
                                    target="_blank"
                                    rel="noopener noreferrer"
                                  >
                                    Open its link ↗
                                  </a>
                                )}
                              </details>
                            )}
                            <Screenshot
                              url={item.screenshotUrl}
                              label={`${item.directoryName} for ${item.businessName}`}
                            />
                          </td>
                          <td data-label="Assigned and note">
                            <div className="assignee">
                              {item.assignedTo ? (
                                <span className="small">{item.assignedTo}</span>
                              ) : (
                                <span className="muted small">Unassigned</span>
                              )}
                              <button
                                type="button"
                                className="button button-small"
                                disabled={assign.isPending}
                                onClick={() =>
                                  assign.mutate({ resultId: item.id, to: item.assignedTo ? "nobody" : "me" })
                                }
                              >
                                {item.assignedTo ? "Unassign" : "Assign to me"}
                              </button>
                            </div>
                            <NoteField
                              key={`${item.id}-${item.attentionNote ?? ""}`}
                              item={item}
                              onDone={setDone}
                            />
                          </td>
                          <td data-label="Actions">
                            <ResultActions
                              result={{ ...item, status: "failed", resolution: null }}
                              jobStatus={item.jobStatus}
                              onDone={setDone}
                            />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            ))}
            <Pagination
              label="Needs-attention pages"
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
