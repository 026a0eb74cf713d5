import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Pagination } from "../components/Pagination.tsx";
import { Empty, QueryStates } from "../components/States.tsx";
import { formatNumber, formatPercent } from "../format.ts";
import { useSearchBox, useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

const PAGE_SIZE = 50;
const route = getRouteApi("/directories");

export function DirectoriesPage() {
  useTitle("Directories");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const isAdmin = me.data?.role === "admin";
  const view = route.useSearch();
  const navigate = route.useNavigate();
  // Search and page live in the address, so a reload or Back shows the same list.
  const setView = (patch: Partial<typeof view>, replace = false) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace });
  const [searchText, setSearchText] = useSearchBox(view.q, (q) => setView({ q }, true));
  const search = view.q ?? "";
  const offset = ((view.page ?? 1) - 1) * PAGE_SIZE;
  const list = useQuery({
    ...trpc.directories.list.queryOptions({ search: search || undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const setActive = useMutation(
    trpc.directories.setActive.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.directories.pathFilter()),
    }),
  );

  return (
    <>
      <div className="page-head">
        <h1>Directories</h1>
        {isAdmin && (
          <div className="page-actions">
            <Link to="/directories/import" className="button">
              Import CSV
            </Link>
            <Link to="/directories/new" className="button button-primary">
              Add directory
            </Link>
          </div>
        )}
      </div>
      <p className="lead">
        The catalog packages draw from, strongest (domain authority) first. Disabled directories are never
        planned into new jobs.
        {!isAdmin && " Only an admin can change the catalog."}
      </p>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="directory-search">Search</label>
          <input
            id="directory-search"
            type="search"
            placeholder="Name, id or category"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
      </div>
      {setActive.error && <ErrorMessage error={setActive.error} title="The directory was not changed" />}
      <QueryStates
        query={list}
        loading="Loading the catalog…"
        errorTitle="The catalog could not be loaded"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <Empty title={search ? "No directories match" : "The catalog is empty"}>
            {!search && isAdmin && (
              <p>
                <Link to="/directories/new">Add a directory</Link> or{" "}
                <Link to="/directories/import">import a CSV</Link>.
              </p>
            )}
          </Empty>
        }
      >
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Directory</th>
                    <th scope="col">Category</th>
                    <th scope="col" className="right">
                      Authority
                    </th>
                    <th scope="col">Demands</th>
                    <th scope="col" className="right">
                      Success rate
                    </th>
                    <th scope="col">Enabled</th>
                    {isAdmin && <th scope="col">Edit</th>}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((d) => {
                    const demands = [
                      d.requiresLogin && "login",
                      d.requiresCaptcha && "captcha",
                      d.requiresEmailVerification && "email check",
                      d.requiresPhoneVerification && "phone check",
                      d.recipe && "recipe",
                      d.learnedAt && "learned",
                    ].filter(Boolean);
                    const toggling = setActive.isPending && setActive.variables?.id === d.id;
                    // Show the switch where it was put while the server confirms it.
                    const active = toggling ? (setActive.variables?.active ?? d.active) : d.active;
                    return (
                      <tr key={d.id} className={active ? undefined : "row-muted"}>
                        <td>
                          <span className="strong">{d.name}</span>
                          <div className="muted small">{d.id}</div>
                        </td>
                        <td>{d.category}</td>
                        <td className="num right">{d.domainAuthority}</td>
                        <td className="small">
                          {demands.length ? demands.join(", ") : <span className="muted">—</span>}
                        </td>
                        <td className="num right">
                          {formatPercent(d.successRate)}
                          <div className="muted small">
                            {formatNumber(d.submitted)} / {formatNumber(d.submitted + d.failed)}
                          </div>
                        </td>
                        <td>
                          <label className="switch">
                            <input
                              type="checkbox"
                              checked={active}
                              disabled={!isAdmin || toggling}
                              aria-label={`Enabled: ${d.name}`}
                              onChange={(e) => setActive.mutate({ id: d.id, active: e.target.checked })}
                            />
                            <span aria-hidden="true">{active ? "On" : "Off"}</span>
                          </label>
                        </td>
                        {isAdmin && (
                          <td>
                            <Link
                              to="/directories/$id/edit"
                              params={{ id: d.id }}
                              aria-label={`Edit ${d.name}`}
                            >
                              Edit
                            </Link>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pagination
              label="Catalog pages"
              total={data.total}
              limit={PAGE_SIZE}
              offset={offset}
              onPage={(page) => setView({ page })}
            />
          </>
        )}
      </QueryStates>
    </>
  );
}
