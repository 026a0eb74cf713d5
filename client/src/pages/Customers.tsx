import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Pagination } from "../components/Pagination.tsx";
import { Empty, QueryStates } from "../components/States.tsx";
import { formatDateTime, formatNumber } from "../format.ts";
import { useSearchBox, useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

const PAGE_SIZE = 50;
const route = getRouteApi("/customers");

export function CustomersPage() {
  useTitle("Customers");
  const trpc = useTRPC();
  const view = route.useSearch();
  const navigate = route.useNavigate();
  // Search and page live in the address, so a reload or Back shows the same list.
  const setView = (patch: Partial<typeof view>, replace = false) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace });
  const [searchText, setSearchText] = useSearchBox(view.q, (q) => setView({ q }, true));
  const search = view.q ?? "";
  const offset = ((view.page ?? 1) - 1) * PAGE_SIZE;
  const list = useQuery({
    ...trpc.customers.list.queryOptions({ search: search || undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <div className="page-head">
        <h1>Customers</h1>
        <div className="page-actions">
          <Link to="/customers/new" className="button button-primary">
            New customer
          </Link>
        </div>
      </div>
      <p className="lead">
        Every business the agency cites, newest first. Open one for its jobs and citations.
      </p>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="customer-search">Search</label>
          <input
            id="customer-search"
            type="search"
            placeholder="Business name or email"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
      </div>
      <QueryStates
        query={list}
        loading="Loading customers…"
        errorTitle="Customers could not be loaded"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <Empty title={search ? "No customers match" : "No customers yet"}>
            {!search && (
              <p>
                <Link to="/customers/new">Add the first customer</Link> with a package.
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
                    <th scope="col">Business</th>
                    <th scope="col">Contact</th>
                    <th scope="col">Location</th>
                    <th scope="col" className="right">
                      Jobs
                    </th>
                    <th scope="col">Customer since</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to="/customers/$id" params={{ id: c.id }} className="strong">
                          {c.businessName}
                        </Link>
                        {c.category && <div className="muted small">{c.category}</div>}
                      </td>
                      <td className="small">
                        {c.email}
                        <div className="muted">{c.phone}</div>
                      </td>
                      <td className="small">
                        {c.city}, {c.state}
                      </td>
                      <td className="num right">{formatNumber(c.jobCount)}</td>
                      <td className="small">{formatDateTime(c.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              label="Customer pages"
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
