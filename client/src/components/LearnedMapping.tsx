import { type RecipeStep, recipeFromLearned } from "@autobolt/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { customerFieldLabels, formatDateTime, relativeTime } from "../format.ts";
import { useNow } from "../hooks.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";

type Directory = RouterOutputs["directories"]["byId"];

/** A step as a person would say it: what it does, on which control, with which customer detail. */
function describeStep(step: RecipeStep): { does: string; control?: string; frame?: string; value?: string } {
  const where =
    "selector" in step && step.selector
      ? { control: step.selector, ...(step.frame ? { frame: step.frame } : {}) }
      : {};
  switch (step.action) {
    case "goto":
      return { does: "Open", value: step.url };
    case "click":
      return { does: "Click", ...where };
    case "check":
      return { does: "Tick", ...where };
    case "waitFor":
      return { does: "Wait for", ...where };
    case "fill":
      return {
        does: "Fill",
        ...where,
        value: step.part
          ? `${customerFieldLabels[step.field]}, part ${step.part.index + 1} of ${step.part.count}`
          : customerFieldLabels[step.field],
      };
    case "select":
      return { does: "Choose", ...where, value: customerFieldLabels[step.field] };
    case "fillText":
      return { does: "Type", ...where, value: `“${step.text}”` };
    case "selectText":
      return { does: "Choose", ...where, value: `“${step.text}”` };
    case "expectText":
      return { does: "Expect", value: `“${step.text}”` };
    case "openListing":
      return { does: "Open the business's entry", ...where };
  }
}

/** JSON with every object's keys in order: a recipe read back from jsonb has its keys reordered. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * How a worker got through this directory's form by itself the last time it succeeded: shown step
 * by step, with an admin's means to make it the recipe or to forget it.
 */
export function LearnedMappingPanel({ directory, isAdmin }: { directory: Directory; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow();
  const [confirming, setConfirming] = useState<"adopt" | "forget" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const settle = (message: string) => async () => {
    await queryClient.invalidateQueries(trpc.directories.pathFilter());
    setConfirming(null);
    setDone(message);
  };
  const adopt = useMutation(
    trpc.directories.adoptLearned.mutationOptions({
      onSuccess: settle("The learned mapping is now this directory's recipe: workers follow it exactly."),
    }),
  );
  const forget = useMutation(
    trpc.directories.forgetLearned.mutationOptions({
      onSuccess: settle("Forgotten: the next worker discovers the form again."),
    }),
  );
  const { learned, learnedAt } = directory;
  const isRecipe =
    learned !== null &&
    directory.recipe !== null &&
    canonicalJson(directory.recipe) === canonicalJson(recipeFromLearned(learned));

  return (
    <section className="card" aria-labelledby="learned-heading">
      <h2 id="learned-heading">Learned mapping</h2>
      {done && (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      )}
      {!learned || !learnedAt ? (
        <p className="muted">
          Nothing learned yet. When a worker gets through this directory's form by itself, it remembers the
          controls it filled and the buttons it pressed, and follows them on the next submission.
        </p>
      ) : (
        <>
          <p className="muted small">
            How a worker got through this form by itself the last time it succeeded.{" "}
            {isRecipe
              ? "It is this directory's recipe now: workers follow its steps exactly."
              : `The next submission follows it${directory.recipe ? " once the recipe is removed" : ""}, and discovers the form again when the page has changed.`}
          </p>
          <dl className="facts">
            <dt>Learned</dt>
            <dd>
              <time dateTime={new Date(learnedAt).toISOString()} title={formatDateTime(learnedAt)}>
                {relativeTime(learnedAt, now)}
              </time>{" "}
              <span className="muted">({formatDateTime(learnedAt)})</span>
            </dd>
            <dt>From job</dt>
            <dd>
              {directory.learnedFromJobId ? (
                <Link to="/jobs/$id" params={{ id: directory.learnedFromJobId }}>
                  {directory.learnedFromBusinessName ?? directory.learnedFromJobId}
                </Link>
              ) : (
                <span className="muted">no longer kept</span>
              )}
            </dd>
            <dt>Starts at</dt>
            <dd>
              <code>{learned.startUrl}</code>
            </dd>
            <dt>Success seen</dt>
            <dd>{learned.successText ? `“${learned.successText}”` : <span className="muted">—</span>}</dd>
          </dl>
          <div className="table-wrap learned-steps">
            <table className="table table-compact">
              <caption className="visually-hidden">Learned steps, in order</caption>
              <thead>
                <tr>
                  <th scope="col" className="right">
                    #
                  </th>
                  <th scope="col">Step</th>
                  <th scope="col">Control</th>
                  <th scope="col">Customer detail or text</th>
                </tr>
              </thead>
              <tbody>
                {learned.steps.map((step, i) => {
                  const { does, control, frame, value } = describeStep(step);
                  return (
                    <tr key={i}>
                      <td className="num right muted">{i + 1}</td>
                      <td className="strong">{does}</td>
                      <td>
                        {control ? <code>{control}</code> : <span className="muted">—</span>}
                        {frame && (
                          <div className="muted small">
                            in frame <code>{frame}</code>
                          </div>
                        )}
                      </td>
                      <td>{value ?? <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {isAdmin ? (
            <div className="actions">
              {isRecipe ? (
                <span className="badge badge-complete">In use as the recipe</span>
              ) : (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => setConfirming("adopt")}
                >
                  Use as recipe
                </button>
              )}
              <button
                type="button"
                className="button button-danger-outline"
                onClick={() => setConfirming("forget")}
              >
                Forget
              </button>
            </div>
          ) : (
            <p className="muted small">Only an admin can turn it into a recipe or forget it.</p>
          )}
          <ConfirmDialog
            open={confirming === "adopt"}
            title="Use the learned mapping as the recipe?"
            confirmLabel="Use as recipe"
            busy={adopt.isPending}
            error={adopt.error}
            onConfirm={() => adopt.mutate({ id: directory.id, learnedAt: new Date(learnedAt).toISOString() })}
            onClose={() => {
              setConfirming(null);
              adopt.reset();
            }}
          >
            <p>
              {directory.recipe ? "It replaces this directory's current recipe. " : ""}
              Workers will then follow these {learned.steps.length} steps exactly, and a page that changes
              fails as “Recipe failed” instead of being discovered again. Unsaved edits in the form above are
              discarded.
            </p>
          </ConfirmDialog>
          <ConfirmDialog
            open={confirming === "forget"}
            title="Forget the learned mapping?"
            confirmLabel="Forget"
            destructive
            busy={forget.isPending}
            error={forget.error}
            onConfirm={() => forget.mutate({ id: directory.id })}
            onClose={() => {
              setConfirming(null);
              forget.reset();
            }}
          >
            <p>The next worker discovers this form again, and learns it anew if it succeeds.</p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
