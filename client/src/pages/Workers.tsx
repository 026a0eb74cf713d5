import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { PauseControls } from "../components/PauseControls.tsx";
import { Empty, QueryStates } from "../components/States.tsx";
import { formatDateTime, relativeTime } from "../format.ts";
import { useNow, useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

const stateLabels = { busy: "Busy", idle: "Idle", gone: "Gone" } as const;

export function WorkersPage() {
  useTitle("Workers");
  const trpc = useTRPC();
  const now = useNow(10_000);
  // An idle worker changes no job, so the live feed says nothing about it: poll gently as well.
  const workers = useQuery({ ...trpc.workers.list.queryOptions(), refetchInterval: 15_000 });

  return (
    <>
      <div className="page-head">
        <h1>Workers</h1>
      </div>
      <PauseControls />
      <QueryStates
        query={workers}
        errorTitle="Workers could not be loaded"
        isEmpty={(data) => data.length === 0}
        empty={
          <Empty title="No workers seen in the last day">
            <p>
              Start one with <code>pnpm worker</code> (see the README); it appears here as soon as it asks for
              work.
            </p>
          </Empty>
        }
      >
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Worker</th>
                  <th scope="col">State</th>
                  <th scope="col">Current job</th>
                  <th scope="col">Last seen</th>
                  <th scope="col" className="right">
                    Directories / min
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((w) => (
                  <tr key={w.id}>
                    <td className="strong">{w.id}</td>
                    <td>
                      <span className={`badge badge-worker-${w.state}`}>{stateLabels[w.state]}</span>
                    </td>
                    <td>
                      {w.jobId ? (
                        <Link to="/jobs/$id" params={{ id: w.jobId }}>
                          {w.businessName ?? "Open job"}
                        </Link>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <time dateTime={w.lastSeenAt} title={formatDateTime(w.lastSeenAt)}>
                        {relativeTime(w.lastSeenAt, now)}
                      </time>
                    </td>
                    <td className="num right">{w.directoriesPerMinute}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryStates>
    </>
  );
}
