import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "../format.ts";
import { useTRPC } from "../trpc.ts";
import { ErrorMessage } from "./ErrorMessage.tsx";

/**
 * Links the customer opens without a login: made here, shown in full once (only a hash is kept),
 * listed with when they expire and were last opened, and revocable.
 */
export function CustomerLinks({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const links = useQuery(trpc.reports.links.queryOptions({ jobId }));
  const [made, setMade] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.reports.pathFilter());
  const create = useMutation(
    trpc.reports.createLink.mutationOptions({
      onSuccess: (link) => setMade(`${window.location.origin}${link.path}`),
      onSettled: refresh,
    }),
  );
  const revoke = useMutation(trpc.reports.revokeLink.mutationOptions({ onSettled: refresh }));
  const now = Date.now();

  return (
    <section className="card" aria-labelledby="links-heading">
      <h2 id="links-heading">Customer report link</h2>
      <p className="muted small">
        A read-only page of this job for the customer: each directory's status, date, listing and proof,
        without internal reasons. No login needed; it stops working when it expires or is revoked.
      </p>
      <button
        type="button"
        className="button"
        disabled={create.isPending}
        onClick={() => create.mutate({ jobId })}
      >
        {create.isPending ? "Making a link…" : "Make a customer link"}
      </button>
      {create.error && <ErrorMessage error={create.error} title="No link was made" />}
      {made && (
        <div className="notice notice-success" role="status">
          <p>Send this link to the customer (it is shown only now):</p>
          <input
            className="code link-copy"
            readOnly
            value={made}
            aria-label="Customer link"
            onFocus={(e) => e.target.select()}
          />
        </div>
      )}
      {revoke.error && <ErrorMessage error={revoke.error} title="The link was not revoked" />}
      {links.data && links.data.length > 0 && (
        <ul className="link-list">
          {links.data.map((l) => {
            const state = l.revokedAt
              ? "Revoked"
              : new Date(l.expiresAt).getTime() <= now
                ? "Expired"
                : "Active";
            return (
              <li key={l.id}>
                <span className={`badge badge-${state === "Active" ? "submitted" : "cancelled"}`}>
                  {state}
                </span>{" "}
                made {formatDateTime(l.createdAt)} by {l.createdBy.replace(/^staff:/, "")} · expires{" "}
                {formatDateTime(l.expiresAt)} ·{" "}
                {l.lastOpenedAt ? `opened ${formatDateTime(l.lastOpenedAt)}` : "not opened yet"}
                {state === "Active" && (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ id: l.id })}
                  >
                    Revoke
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
