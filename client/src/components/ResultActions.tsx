import type { BulkJobOutcome, BulkOutcome, JobStatus } from "@autobolt/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "../trpc.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";

/** What the actions need to know of a result (a job page row or a needs-attention item). */
export interface ActionableResult {
  id: string;
  directoryName: string;
  status: "pending" | "submitted" | "failed";
  reason: string | null;
  resolution?: string | null;
  submissionUrl?: string | null;
}

/** Which actions the server would accept, so the console only offers those. */
export function allowedActions(result: ActionableResult, jobStatus: JobStatus) {
  const replaced = result.resolution === "replaced";
  const decidable =
    (result.status === "failed" && !replaced) || (result.status === "pending" && jobStatus !== "in_progress");
  const redoable = result.status === "failed" && !replaced && jobStatus !== "cancelled";
  return {
    resolve: decidable,
    skip: decidable && result.resolution !== "skipped",
    retry: redoable,
    replace: redoable,
  };
}

/** After any result action: the job, the queue and needs attention all show it. */
export function useInvalidateResults() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.jobs.pathFilter()),
      queryClient.invalidateQueries(trpc.results.pathFilter()),
    ]);
}

/** "3 skipped; not done: Directory 9 is already submitted…" — for results or jobs alike. */
export function describeOutcome(
  verb: string,
  outcome: BulkOutcome | BulkJobOutcome,
  names: Map<string, string>,
): string {
  const done = outcome.filter((o) => o.ok).length;
  const refused = outcome.flatMap((o) => {
    if (o.ok) return [];
    const id = "resultId" in o ? o.resultId : o.jobId;
    return [`${names.get(id) ?? id}: ${o.message}`];
  });
  return refused.length === 0 ? `${done} ${verb}.` : `${done} ${verb}; not done: ${refused.join(" ")}`;
}

async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type Open = "resolve" | "skip" | "retry" | "replace" | null;

/**
 * A result's remedies: resolve by hand (listing, note, proof), skip, retry this directory only,
 * replace with the next strongest unused directory, and the directory's own submission page.
 * An interrupted result is retried only after the person confirms they checked the directory.
 */
export function ResultActions(props: {
  result: ActionableResult;
  jobStatus: JobStatus;
  onDone: (message: string) => void;
}) {
  const { result, jobStatus, onDone } = props;
  const trpc = useTRPC();
  const invalidate = useInvalidateResults();
  const [open, setOpen] = useState<Open>(null);
  const [checked, setChecked] = useState(false);
  const [listing, setListing] = useState("");
  const [note, setNote] = useState("");
  const proofFile = useRef<HTMLInputElement>(null);
  const allowed = allowedActions(result, jobStatus);
  const interrupted = result.reason === "interrupted";

  const finish = async (message: string) => {
    setOpen(null);
    setChecked(false);
    onDone(message);
    await invalidate();
  };
  const uploadProof = useMutation(trpc.results.uploadProof.mutationOptions());
  const resolve = useMutation(
    trpc.results.resolve.mutationOptions({
      onSuccess: () => finish(`${result.directoryName} is marked submitted, done by a person.`),
    }),
  );
  const skip = useMutation(
    trpc.results.skip.mutationOptions({ onSuccess: () => finish(`${result.directoryName} is skipped.`) }),
  );
  const retry = useMutation(
    trpc.results.retry.mutationOptions({
      onSuccess: () => finish(`${result.directoryName} is pending again; the job is back in the queue.`),
    }),
  );
  const replace = useMutation(
    trpc.results.replace.mutationOptions({
      onSuccess: (r) =>
        finish(`${result.directoryName} is replaced by ${r.replacement.directoryName}, now pending.`),
    }),
  );

  const close = () => {
    setOpen(null);
    setChecked(false);
    for (const m of [uploadProof, resolve, skip, retry, replace]) m.reset();
  };

  async function submitResolve() {
    const file = proofFile.current?.files?.[0];
    let proofUrl: string | undefined;
    if (file && file.size > 0) {
      proofUrl = (await uploadProof.mutateAsync({ base64: await fileAsBase64(file) })).url;
    }
    resolve.mutate({
      resultId: result.id,
      listingReference: listing.trim(),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(proofUrl ? { proofUrl } : {}),
    });
  }

  const formId = `resolve-${result.id}`;
  return (
    <div className="row-actions">
      {allowed.resolve && (
        <button type="button" className="button button-small" onClick={() => setOpen("resolve")}>
          Resolve
        </button>
      )}
      {allowed.retry && (
        <button
          type="button"
          className="button button-small"
          onClick={() => (interrupted ? setOpen("retry") : retry.mutate({ resultId: result.id }))}
          disabled={retry.isPending}
        >
          Retry
        </button>
      )}
      {allowed.replace && (
        <button type="button" className="button button-small" onClick={() => setOpen("replace")}>
          Replace
        </button>
      )}
      {allowed.skip && (
        <button type="button" className="button button-small" onClick={() => setOpen("skip")}>
          Skip
        </button>
      )}
      {result.submissionUrl && (
        <a
          className="button button-small"
          href={result.submissionUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Open ${result.directoryName}'s submission page`}
        >
          Open ↗
        </a>
      )}
      {open === null && retry.error ? <span className="field-error">{retry.error.message}</span> : null}

      {allowed.resolve && (
        <ConfirmDialog
          open={open === "resolve"}
          title={`Resolve ${result.directoryName} by hand`}
          confirmLabel="Mark as submitted"
          busy={uploadProof.isPending || resolve.isPending}
          error={uploadProof.error ?? resolve.error}
          onConfirm={() => void submitResolve().catch(() => {})}
          onClose={close}
        >
          <p>You finished this submission yourself: it counts as submitted, marked as done by a person.</p>
          <div className="dialog-fields">
            <div className="field">
              <label htmlFor={`${formId}-listing`}>Listing URL or reference</label>
              <input
                id={`${formId}-listing`}
                required
                maxLength={2048}
                value={listing}
                onChange={(e) => setListing(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-note`}>
                Note <span className="muted">(optional)</span>
              </label>
              <textarea
                id={`${formId}-note`}
                rows={2}
                maxLength={2000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-proof`}>
                Proof <span className="muted">(optional PNG or JPEG)</span>
              </label>
              <input id={`${formId}-proof`} ref={proofFile} type="file" accept="image/png,image/jpeg" />
            </div>
          </div>
        </ConfirmDialog>
      )}

      {allowed.skip && (
        <ConfirmDialog
          open={open === "skip"}
          title={`Skip ${result.directoryName}?`}
          confirmLabel="Skip"
          busy={skip.isPending}
          error={skip.error}
          onConfirm={() => skip.mutate({ resultId: result.id })}
          onClose={close}
        >
          <p>The directory counts as finished without a listing, and no retry will take it again.</p>
        </ConfirmDialog>
      )}

      {allowed.retry && interrupted && (
        <ConfirmDialog
          open={open === "retry"}
          title={`Retry ${result.directoryName}?`}
          confirmLabel="Retry"
          busy={retry.isPending}
          error={retry.error}
          onConfirm={() => checked && retry.mutate({ resultId: result.id, confirmInterrupted: true })}
          onClose={close}
        >
          <p className="notice notice-warning">
            A worker stopped while submitting this directory, so the listing may already exist. Open the
            directory and look for it first; if it is there, resolve by hand instead.
          </p>
          <label className="check">
            <input
              type="checkbox"
              checked={checked}
              onChange={(e) => setChecked(e.target.checked)}
              required
            />
            I checked {result.directoryName}: there is no listing yet
          </label>
        </ConfirmDialog>
      )}

      {allowed.replace && (
        <ConfirmDialog
          open={open === "replace"}
          title={`Replace ${result.directoryName}?`}
          confirmLabel="Replace"
          busy={replace.isPending}
          error={replace.error}
          onConfirm={() => replace.mutate({ resultId: result.id })}
          onClose={close}
        >
          <p>
            {result.directoryName} is given up, and the strongest active directory not yet used for this
            customer takes its place in the job, so the package keeps its size.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
