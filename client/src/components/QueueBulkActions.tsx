import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { priorityLabels } from "../format.ts";
import { useTRPC } from "../trpc.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { describeOutcome, useInvalidateResults } from "./ResultActions.tsx";

type Action = { kind: "retry" } | { kind: "cancel" } | { kind: "priority"; level: number };

const verbs = { retry: "retried", cancel: "cancelled", priority: "re-prioritised" } as const;

/**
 * The queue's bulk forms over the selected jobs: retry their failed directories, cancel them, or
 * set their priority. Each is confirmed first and reported after, job by job ("12 retried; not
 * done: …"); each job's change is in its event log under the staff member's name.
 */
export function QueueBulkActions(props: {
  selected: string[];
  names: Map<string, string>;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateResults();
  const [action, setAction] = useState<Action | null>(null);
  const [priority, setPriority] = useState(1);
  const [report, setReport] = useState<string | null>(null);
  const finish = (kind: Action["kind"]) => async (outcome: Parameters<typeof describeOutcome>[1]) => {
    setAction(null);
    setReport(describeOutcome(verbs[kind], outcome, props.names));
    props.onDone();
    await invalidate();
  };
  const retry = useMutation(trpc.jobs.bulkRetryFailed.mutationOptions({ onSuccess: finish("retry") }));
  const cancel = useMutation(trpc.jobs.bulkCancel.mutationOptions({ onSuccess: finish("cancel") }));
  const reprioritise = useMutation(
    trpc.jobs.bulkSetPriority.mutationOptions({ onSuccess: finish("priority") }),
  );
  const busy = retry.isPending || cancel.isPending || reprioritise.isPending;
  const n = props.selected.length;
  const jobs = `${n} ${n === 1 ? "job" : "jobs"}`;

  const confirm = () => {
    if (!action) return;
    const ids = props.selected;
    if (action.kind === "retry") retry.mutate({ ids });
    else if (action.kind === "cancel") cancel.mutate({ ids });
    else reprioritise.mutate({ ids, priorityLevel: action.level });
  };

  return (
    <>
      <fieldset className="toolbar bulk-bar">
        <legend className="visually-hidden">Selected jobs</legend>
        <span className="muted">{n} selected</span>
        <button
          type="button"
          className="button button-small"
          disabled={n === 0 || busy}
          onClick={() => setAction({ kind: "retry" })}
        >
          Retry failed
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={n === 0 || busy}
          onClick={() => setAction({ kind: "cancel" })}
        >
          Cancel jobs
        </button>
        <label className="nowrap">
          <span className="visually-hidden">Priority for the selected jobs</span>
          <select value={priority} onChange={(e) => setPriority(Number(e.target.value))} disabled={n === 0}>
            {[1, 2, 3, 4, 5].map((p) => (
              <option key={p} value={p}>
                {priorityLabels[p]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-small"
          disabled={n === 0 || busy}
          onClick={() => setAction({ kind: "priority", level: priority })}
        >
          Set priority
        </button>
      </fieldset>
      {report && (
        <p className="notice notice-success" role="status">
          {report}
        </p>
      )}
      <ConfirmDialog
        open={action !== null}
        title={
          action?.kind === "retry"
            ? `Retry the failed directories of ${jobs}?`
            : action?.kind === "cancel"
              ? `Cancel ${jobs}?`
              : `Set ${jobs} to ${priorityLabels[action?.kind === "priority" ? action.level : 3]}?`
        }
        confirmLabel={
          action?.kind === "retry"
            ? "Retry failed"
            : action?.kind === "cancel"
              ? "Cancel jobs"
              : "Set priority"
        }
        destructive={action?.kind === "cancel"}
        busy={busy}
        error={retry.error ?? cancel.error ?? reprioritise.error}
        onClose={() => setAction(null)}
        onConfirm={confirm}
      >
        {action?.kind === "retry" && (
          <p>
            Open failures go back to pending. Interrupted directories wait for a person to check them, and
            skipped or replaced ones are final.
          </p>
        )}
        {action?.kind === "cancel" && (
          <p>
            Directories no worker has tried are skipped; what a worker already submitted is kept. Finished
            jobs are left as they are.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
