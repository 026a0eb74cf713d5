import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime, relativeTime } from "../format.ts";
import { useTRPC } from "../trpc.ts";
import { ErrorMessage } from "./ErrorMessage.tsx";

interface ConfirmationFields {
  confirmation: string | null;
  awaitingEmailSince: string | Date | null;
  confirmedAt: string | Date | null;
}

/** Where a result stands with the directory's email, under its status. */
export function ConfirmationNote({ result }: { result: ConfirmationFields }) {
  switch (result.confirmation) {
    case "awaiting_email":
      return (
        <div className="small confirmation confirmation-waiting">
          Waiting for email since {formatDateTime(result.awaitingEmailSince)} (
          {relativeTime(result.awaitingEmailSince)})
        </div>
      );
    case "confirmed":
      return (
        <div className="small confirmation">Confirmed by email {formatDateTime(result.confirmedAt)}</div>
      );
    case "link_failed":
      return <div className="small confirmation cell-error">The confirmation link did not confirm</div>;
    case "no_mail":
      return <div className="small confirmation cell-error">No confirmation email came</div>;
    default:
      return null;
  }
}

interface AccountSummary {
  id: string;
  email: string;
  handedOver: string | Date | null;
}

/**
 * The directory account the worker made: its login, a password shown only on an explicit reveal
 * (written to the event log with who asked), and whether the customer's report hands it over.
 */
export function AccountControls({
  account,
  directoryName,
}: {
  account: AccountSummary;
  directoryName: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState<string | null>(null);
  const reveal = useMutation(
    trpc.inbox.reveal.mutationOptions({
      onSuccess: (answer) => setPassword(answer.password),
      onSettled: () => queryClient.invalidateQueries(trpc.jobs.byId.pathFilter()),
    }),
  );
  // What staff chose shows at once and stays until the server's answer replaces it (or, on an
  // error, the saved state comes back).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const handOver = useMutation(
    trpc.inbox.handOver.mutationOptions({
      onError: () => setChosen(null),
      onSettled: () => queryClient.invalidateQueries(trpc.jobs.byId.pathFilter()),
    }),
  );
  return (
    <div className="account small">
      <div>
        Account: <span className="code">{account.email}</span>
      </div>
      {password ? (
        <div>
          Password: <span className="code">{password}</span>{" "}
          <button type="button" className="button button-small" onClick={() => setPassword(null)}>
            Hide
          </button>
          <div className="muted">Revealed; the event log records it.</div>
        </div>
      ) : (
        <button
          type="button"
          className="button button-small"
          disabled={reveal.isPending}
          onClick={() => reveal.mutate({ accountId: account.id })}
          aria-label={`Reveal the password of the ${directoryName} account`}
        >
          {reveal.isPending ? "Revealing…" : "Reveal password"}
        </button>
      )}
      <label className="checkbox-line">
        <input
          type="checkbox"
          checked={chosen ?? account.handedOver !== null}
          disabled={handOver.isPending}
          onChange={(e) => {
            setChosen(e.target.checked);
            handOver.mutate({ accountId: account.id, handOver: e.target.checked });
          }}
        />{" "}
        In the customer's report
      </label>
      {reveal.error && <ErrorMessage error={reveal.error} title="The password was not revealed" />}
      {handOver.error && <ErrorMessage error={handOver.error} title="Not changed" />}
    </div>
  );
}
