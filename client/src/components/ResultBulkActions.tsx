import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { describeOutcome, useInvalidateResults } from "./ResultActions.tsx";

export type ResultBulkAction = "assign" | "retry" | "skip" | "replace";

const copy: Record<ResultBulkAction, { button: string; confirm: string; verb: string; explain: string }> = {
  assign: {
    button: "Assign selected to me",
    confirm: "Assign to me",
    verb: "assigned",
    explain: "They show under “Assigned to me” until someone finishes or unassigns them.",
  },
  retry: {
    button: "Retry selected",
    confirm: "Retry",
    verb: "pending again",
    explain:
      "Each goes back to pending for a worker. An interrupted one is refused unless retried on its own after checking the directory.",
  },
  skip: {
    button: "Skip selected",
    confirm: "Skip",
    verb: "skipped",
    explain: "Skipped directories are final: never retried, and not counted as failures that need a person.",
  },
  replace: {
    button: "Replace selected",
    confirm: "Replace",
    verb: "replaced",
    explain:
      "Each is replaced by the strongest directory this customer does not have yet, keeping the package's size.",
  },
};

/**
 * The bulk forms over selected results, on a job page and in needs attention alike: each action
 * is confirmed, then reported result by result ("3 skipped; not done: …"), and each result's
 * change is in its job's event log under the staff member.
 */
export function ResultBulkActions(props: {
  actions: ResultBulkAction[];
  selected: string[];
  names: Map<string, string>;
  onDone: (report: string) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateResults();
  const [open, setOpen] = useState<ResultBulkAction | null>(null);
  const finish = (action: ResultBulkAction) => async (outcome: Parameters<typeof describeOutcome>[1]) => {
    setOpen(null);
    props.onDone(describeOutcome(copy[action].verb, outcome, props.names));
    await invalidate();
  };
  const mutations = {
    assign: useMutation(trpc.results.bulkAssign.mutationOptions({ onSuccess: finish("assign") })),
    retry: useMutation(trpc.results.bulkRetry.mutationOptions({ onSuccess: finish("retry") })),
    skip: useMutation(trpc.results.bulkSkip.mutationOptions({ onSuccess: finish("skip") })),
    replace: useMutation(trpc.results.bulkReplace.mutationOptions({ onSuccess: finish("replace") })),
  };
  const busy = Object.values(mutations).some((m) => m.isPending);
  const n = props.selected.length;

  const run = (action: ResultBulkAction) => {
    const resultIds = props.selected;
    if (action === "assign") mutations.assign.mutate({ resultIds, to: "me" });
    else mutations[action].mutate({ resultIds });
  };

  return (
    <>
      <fieldset className="toolbar bulk-bar">
        <legend className="visually-hidden">Selected directories</legend>
        <span className="muted">{n} selected</span>
        {props.actions.map((action) => (
          <button
            key={action}
            type="button"
            className="button button-small"
            disabled={n === 0 || busy}
            onClick={() => setOpen(action)}
          >
            {copy[action].button}
          </button>
        ))}
      </fieldset>
      <ConfirmDialog
        open={open !== null}
        title={open ? `${copy[open].confirm} ${n} ${n === 1 ? "directory" : "directories"}?` : ""}
        confirmLabel={open ? copy[open].confirm : ""}
        destructive={open === "skip"}
        busy={busy}
        error={open ? mutations[open].error : null}
        onClose={() => setOpen(null)}
        onConfirm={() => open && run(open)}
      >
        {open && <p>{copy[open].explain}</p>}
      </ConfirmDialog>
    </>
  );
}
