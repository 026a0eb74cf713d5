import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { ErrorMessage } from "./ErrorMessage.tsx";

/** Pause claiming for everything, or for one directory that is down or refusing submissions. */
export function PauseControls() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pauses = useQuery(trpc.claims.pauses.queryOptions());
  const directories = useQuery(trpc.directories.list.queryOptions({ limit: 200 }));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [directoryId, setDirectoryId] = useState("");
  const pause = useMutation(
    trpc.claims.pause.mutationOptions({
      onSuccess: () => {
        setConfirming(null);
        setReason("");
      },
      onSettled: () => queryClient.invalidateQueries(trpc.claims.pathFilter()),
    }),
  );
  const allPaused = pauses.data?.some((p) => p.scope === "all") ?? false;
  const name = (scope: string) =>
    scope === "all"
      ? "every directory"
      : (directories.data?.items.find((d) => d.id === scope)?.name ?? scope);

  return (
    <section className="card" aria-labelledby="pause-heading">
      <h2 id="pause-heading">Pause claiming</h2>
      <p className="muted small">
        Workers finish what they hold and take nothing new (or nothing for that directory) until someone
        resumes. Every server obeys at once.
      </p>
      <div className="toolbar">
        <button
          type="button"
          className="button"
          disabled={allPaused || pause.isPending}
          onClick={() => setConfirming("all")}
        >
          {allPaused ? "All claiming is paused" : "Pause all claiming"}
        </button>
        <label className="inline-control">
          <span>One directory</span>
          <select
            value={directoryId}
            onChange={(e) => setDirectoryId(e.target.value)}
            aria-label="Directory to pause"
          >
            <option value="">Choose…</option>
            {directories.data?.items.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={!directoryId || pause.isPending}
          onClick={() => setConfirming(directoryId)}
        >
          Pause directory
        </button>
      </div>
      {pause.error && !confirming && <ErrorMessage error={pause.error} title="Claiming was not paused" />}
      <ConfirmDialog
        open={confirming !== null}
        title={`Pause claiming for ${confirming ? name(confirming) : ""}?`}
        confirmLabel="Pause"
        busy={pause.isPending}
        error={pause.error}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          confirming && pause.mutate({ scope: confirming, reason: reason.trim() || undefined })
        }
      >
        <label className="field">
          <span>Why (shown to everyone)</span>
          <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
      </ConfirmDialog>
    </section>
  );
}
