import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { formatDateTime } from "../format.ts";
import { useTRPC } from "../trpc.ts";
import { Empty, QueryStates } from "./States.tsx";

const followUpLabels: Record<string, string> = {
  pending: "Link waiting for a worker",
  in_progress: "A worker is following the link",
  done: "Link followed: confirmed",
  failed: "Link followed: did not confirm",
};

/**
 * The customer's campaign mailbox: what directories sent, which result each mail matched, and
 * whether its link was followed. Shown as text: a directory's HTML never reaches the console.
 */
export function CustomerInbox({ customerId, address }: { customerId: string; address: string | null }) {
  const trpc = useTRPC();
  const messages = useQuery(trpc.inbox.messages.queryOptions({ customerId, limit: 50 }));
  return (
    <section className="card" aria-labelledby="customer-inbox">
      <h2 id="customer-inbox">Inbox</h2>
      {address ? (
        <p className="small">
          Directory forms and sign-ups get <span className="code">{address}</span>; mail to it lands here and
          its confirmation links are followed by the workers.
        </p>
      ) : (
        <p className="muted small">
          The campaign inbox is off (AUTOBOLT_INBOX_DOMAIN): directories mail the customer's own address.
        </p>
      )}
      <QueryStates
        query={messages}
        loading="Loading mail…"
        errorTitle="The inbox could not be loaded"
        isEmpty={(data) => data.length === 0}
        empty={<Empty title="No mail yet" />}
      >
        {(data) => (
          <ul className="inbox-list">
            {data.map((m) => (
              <li key={m.id} className="inbox-item">
                <details>
                  <summary>
                    <span className="strong">{m.subject || "(no subject)"}</span>{" "}
                    <span className="muted small">
                      from {m.from} · {formatDateTime(m.receivedAt)}
                    </span>
                    <div className="small">
                      {m.directoryName ? (
                        <>
                          {m.directoryName}
                          {m.jobId && (
                            <>
                              {" · "}
                              <Link to="/jobs/$id" params={{ id: m.jobId }}>
                                job
                              </Link>
                            </>
                          )}
                          {" · "}
                          {m.followUpStatus
                            ? (followUpLabels[m.followUpStatus] ?? m.followUpStatus)
                            : m.link
                              ? "Not followed (the result was not waiting for mail)"
                              : "No confirmation link found"}
                          {m.followUpError && <span className="cell-error"> — {m.followUpError}</span>}
                        </>
                      ) : (
                        <span className="muted">Matched no directory of this customer</span>
                      )}
                    </div>
                  </summary>
                  <pre className="mail-text">{m.textBody}</pre>
                  {m.link && (
                    <p className="small">
                      Link found: <span className="code">{m.link}</span>
                    </p>
                  )}
                </details>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
    </section>
  );
}
