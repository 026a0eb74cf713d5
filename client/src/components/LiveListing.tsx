import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { formatDateTime, formatPercent, relativeTime, safeListingUrl } from "../format.ts";
import { useTRPC } from "../trpc.ts";
import { ErrorMessage } from "./ErrorMessage.tsx";
import { Empty, QueryStates } from "./States.tsx";

interface Mismatch {
  field: string;
  expected: string;
  found: string;
}

interface LiveFields {
  id: string;
  status: string;
  listingUrl: string | null;
  /** The directory has a listing search: re-checks find the listing without a link. */
  searchable: boolean;
  liveState: string | null;
  liveCheckedAt: string | Date | null;
  napMismatch: Mismatch[] | null;
}

const fieldNames: Record<string, string> = {
  businessName: "name",
  address: "address",
  city: "city",
  zip: "ZIP",
  phone: "phone",
};

/** What re-checks saw of a submitted listing, its link, and "re-check now". */
export function LiveListing({ result }: { result: LiveFields }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const recheck = useMutation(
    trpc.results.recheckNow.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.jobs.byId.pathFilter()),
    }),
  );
  if (result.status !== "submitted") return null;
  const link = safeListingUrl(result.listingUrl);
  const checked = result.liveCheckedAt ? ` · checked ${relativeTime(result.liveCheckedAt)}` : "";
  return (
    <div className="listing-state small">
      {result.liveState === "live" && <span className="listing-ok">Live{checked}</span>}
      {result.liveState === "mismatch" && (
        <span className="listing-mismatch">
          Live with wrong details{checked}:{" "}
          {(result.napMismatch ?? [])
            .map((m) => `${fieldNames[m.field] ?? m.field} shows ${m.found} (should be ${m.expected})`)
            .join("; ")}
        </span>
      )}
      {result.liveState === "not_yet" && <span className="muted">Not live yet{checked}</span>}
      {result.liveState === "gone" && (
        <span className="cell-error">Not found at the last re-check{checked}</span>
      )}
      {result.liveState === null && (
        <span className="muted">
          {link
            ? "Not checked yet"
            : result.searchable
              ? "No listing link yet: re-checks search the directory for it"
              : "No listing link yet"}
        </span>
      )}
      {(link || result.searchable) && (
        <div className="listing-actions">
          {link && (
            <a href={link} target="_blank" rel="noopener noreferrer">
              Listing ↗
            </a>
          )}
          <button
            type="button"
            className="button button-small"
            disabled={recheck.isPending || recheck.data?.queued === true}
            onClick={() => recheck.mutate({ resultId: result.id })}
          >
            {recheck.isPending ? "Asking…" : recheck.data?.queued ? "Re-check queued" : "Re-check now"}
          </button>
        </div>
      )}
      {recheck.error && <ErrorMessage error={recheck.error} title="No re-check was queued" />}
    </div>
  );
}

/** "% live" of a job: submitted listings seen live with the right details. */
export function livePercent(results: { status: string; liveState: string | null }[]): {
  live: number;
  submitted: number;
  text: string;
} {
  const submitted = results.filter((r) => r.status === "submitted").length;
  const live = results.filter((r) => r.liveState === "live").length;
  return { live, submitted, text: submitted === 0 ? "—" : formatPercent(live / submitted) };
}

/** The agency's live listings that show a wrong detail: what to fix at each directory. */
export function MismatchList() {
  const trpc = useTRPC();
  const mismatches = useQuery(trpc.results.mismatches.queryOptions({ limit: 50 }));
  return (
    <section className="card" aria-labelledby="mismatch-heading">
      <h2 id="mismatch-heading">Listings with wrong details</h2>
      <QueryStates
        query={mismatches}
        loading="Loading mismatches…"
        errorTitle="Mismatches could not be loaded"
        isEmpty={(data) => data.length === 0}
        empty={<Empty title="No listing shows a wrong name, address or phone" />}
      >
        {(data) => (
          <ul className="mismatch-list">
            {data.map((m) => (
              <li key={m.id}>
                <Link to="/jobs/$id" params={{ id: m.jobId }} className="strong">
                  {m.businessName}
                </Link>{" "}
                on {m.directoryName}:{" "}
                {(m.napMismatch ?? [])
                  .map((x) => `${fieldNames[x.field] ?? x.field} shows ${x.found} (should be ${x.expected})`)
                  .join("; ")}{" "}
                <span className="muted small">checked {formatDateTime(m.liveCheckedAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
    </section>
  );
}
