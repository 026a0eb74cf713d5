import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { relativeTime } from "../format.ts";
import { useNow } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

/**
 * Shown on every page while claiming is paused, so nobody wonders why the queue stands still;
 * another server's pause appears within the poll.
 */
export function PauseBanner() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow();
  const pauses = useQuery({ ...trpc.claims.pauses.queryOptions(), refetchInterval: 10_000 });
  const resume = useMutation(
    trpc.claims.resume.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.claims.pathFilter()),
    }),
  );
  const list = pauses.data ?? [];
  if (list.length === 0) return null;
  const all = list.find((p) => p.scope === "all");
  const directories = list.filter((p) => p.scope !== "all");
  return (
    <div className="notice notice-warning pause-banner" role="status">
      {all ? (
        <p>
          <strong>Claiming is paused</strong>: workers take no new jobs. Paused by{" "}
          {all.pausedBy.replace(/^staff:/, "")} {relativeTime(all.pausedAt, now)}
          {all.reason ? ` (${all.reason})` : ""}.{" "}
          <button
            type="button"
            className="button button-small"
            disabled={resume.isPending}
            onClick={() => resume.mutate({ scope: "all" })}
          >
            Resume claiming
          </button>
        </p>
      ) : null}
      {directories.length > 0 && (
        <p>
          <strong>Paused {directories.length === 1 ? "directory" : "directories"}:</strong>{" "}
          {directories.map((p, i) => (
            <span key={p.scope}>
              {i > 0 && ", "}
              {p.directoryName ?? p.scope}{" "}
              <button
                type="button"
                className="button button-small"
                aria-label={`Resume ${p.directoryName ?? p.scope}`}
                disabled={resume.isPending}
                onClick={() => resume.mutate({ scope: p.scope })}
              >
                Resume
              </button>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
