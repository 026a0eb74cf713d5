import { priorityLevel as priorityLevelSchema } from "@autobolt/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, Fragment, useState } from "react";
import {
  CustomerFieldset,
  checkCustomer,
  type FieldErrors,
  readCustomerForm,
} from "../components/CustomerFields.tsx";
import { CustomerInbox } from "../components/CustomerInbox.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Field } from "../components/Field.tsx";
import { Empty, Loading, QueryStates } from "../components/States.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import {
  formatDateTime,
  packageName,
  priorityLabels,
  reasonLabel,
  resolutionLabels,
  safeListingUrl,
} from "../format.ts";
import { useTitle } from "../hooks.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";

type Customer = RouterOutputs["customers"]["byId"];

const route = getRouteApi("/customers/$id");

export default function CustomerPage() {
  const { id } = route.useParams();
  const trpc = useTRPC();
  const customer = useQuery(trpc.customers.byId.queryOptions({ id }));
  const citations = useQuery(trpc.customers.citations.queryOptions({ id }));
  const [editing, setEditing] = useState(false);
  useTitle(customer.data?.businessName ?? "Customer");

  if (customer.isPending) return <Loading label="Loading the customer…" />;
  if (customer.isError)
    return (
      <ErrorMessage
        error={customer.error}
        title="The customer could not be loaded"
        onRetry={() => customer.refetch()}
      />
    );
  const c = customer.data;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/customers">Customers</Link> <span aria-hidden="true">/</span> <span>{c.businessName}</span>
      </nav>
      <div className="page-head">
        <h1>{c.businessName}</h1>
        {!editing && (
          <div className="page-actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit details
            </button>
          </div>
        )}
      </div>
      {editing ? (
        <EditCustomer customer={c} onDone={() => setEditing(false)} />
      ) : (
        <CustomerDetails customer={c} />
      )}

      <section className="card" aria-labelledby="customer-jobs">
        <h2 id="customer-jobs">Jobs</h2>
        {c.jobs.length === 0 ? (
          <Empty title="No jobs yet" />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Package</th>
                  <th scope="col">Status</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {c.jobs.map((j) => (
                  <tr key={j.id}>
                    <td>
                      <Link to="/jobs/$id" params={{ id: j.id }}>
                        {packageName(j.metadata)} · {j.packageSize} directories
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={j.status} />
                    </td>
                    <td>{priorityLabels[j.priorityLevel] ?? j.priorityLevel}</td>
                    <td className="small">{formatDateTime(j.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <AddPackage customerId={c.id} />
      </section>

      <CustomerInbox customerId={c.id} address={c.campaignAddress} />

      <section className="card" aria-labelledby="customer-citations">
        <h2 id="customer-citations">Citations</h2>
        <p className="muted small">Every directory this business was planned on, across all its jobs.</p>
        <QueryStates
          query={citations}
          loading="Loading citations…"
          errorTitle="Citations could not be loaded"
          isEmpty={(data) => data.length === 0}
          empty={<Empty title="No citations yet" />}
        >
          {(data) => (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Directory</th>
                    <th scope="col">Status</th>
                    <th scope="col">Listing</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to="/jobs/$id" params={{ id: r.jobId }}>
                          {r.directoryName}
                        </Link>
                      </td>
                      <td>
                        <StatusBadge status={r.status} />
                        {r.resolution ? (
                          <div className="muted small">{resolutionLabels[r.resolution] ?? r.resolution}</div>
                        ) : r.reason ? (
                          <div className="muted small">{reasonLabel(r.reason)}</div>
                        ) : null}
                      </td>
                      <td className="small">
                        {safeListingUrl(r.listingUrl ?? r.listingReference) ? (
                          <a
                            href={safeListingUrl(r.listingUrl ?? r.listingReference)}
                            target="_blank"
                            rel="noopener noreferrer"
                          >
                            {r.liveState === "live" ? "Live ↗" : "Listing ↗"}
                          </a>
                        ) : (
                          (r.listingReference ?? <span className="muted">—</span>)
                        )}
                        {r.liveState === "mismatch" && <div className="listing-mismatch">Wrong details</div>}
                      </td>
                      <td className="small">{formatDateTime(r.submittedAt ?? r.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryStates>
      </section>
    </>
  );
}

function CustomerDetails({ customer: c }: { customer: Customer }) {
  const rows: Array<[string, string | null]> = [
    ["Email", c.email],
    ["Campaign address", c.campaignAddress],
    ["Phone", c.phone],
    ["Website", c.website],
    ["Address", `${c.address}, ${c.city}, ${c.state} ${c.zip}`],
    ["Category", c.category],
    ["Description", c.description],
  ];
  return (
    <section className="card" aria-label="Business details">
      <dl className="facts">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value || <span className="muted">—</span>}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function EditCustomer({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.customers.pathFilter());
        onDone();
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkCustomer(readCustomerForm(new FormData(event.currentTarget)));
    if (checked.errors) {
      setErrors(checked.errors);
      const first = Object.keys(checked.errors)[0];
      if (first) document.getElementById(`customer-${first}`)?.focus();
      return;
    }
    setErrors({});
    update.mutate({ id: customer.id, fields: checked.data });
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Edit business details">
      <CustomerFieldset errors={errors} initial={customer} />
      <p className="field-hint">
        Jobs already planned keep the details they were submitted with; new jobs and re-submissions use these.
      </p>
      {update.error && <ErrorMessage error={update.error} title="The details were not saved" />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save details"}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AddPackage({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const packages = useQuery(trpc.directories.packages.queryOptions());
  const available = useQuery(trpc.customers.availableDirectories.queryOptions({ customerId }));
  const [packageId, setPackageId] = useState("starter");
  const [priority, setPriority] = useState(3);
  const [allowPartial, setAllowPartial] = useState(false);
  const navigate = useNavigate();
  const add = useMutation(
    trpc.customers.addPackage.mutationOptions({
      onSuccess: async (job) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.jobs.pathFilter()),
          queryClient.invalidateQueries(trpc.customers.pathFilter()),
        ]);
        void navigate({ to: "/jobs/$id", params: { id: job.id } });
      },
    }),
  );
  const size = packages.data?.find((p) => p.id === packageId)?.size;
  const left = available.data?.available;
  const tooLarge = size !== undefined && left !== undefined && size > left;

  return (
    <form
      className="inline-form"
      aria-label="Add a package"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({
          customerId,
          package: { id: packageId },
          priorityLevel: priorityLevelSchema.parse(priority),
          allowPartial,
        });
      }}
    >
      <h3>Add a package</h3>
      <div className="form-grid">
        <Field id="add-package" label="Package">
          {(a11y) => (
            <select {...a11y} value={packageId} onChange={(e) => setPackageId(e.target.value)}>
              {(packages.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {p.size} directories
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="add-priority" label="Priority">
          {(a11y) => (
            <select {...a11y} value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
              {[1, 2, 3, 4, 5].map((p) => (
                <option key={p} value={p}>
                  {priorityLabels[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="field-hint">
        {left !== undefined
          ? `${left} directories this customer does not have yet are available.`
          : "Counting the available directories…"}
      </p>
      {tooLarge && (
        <label className="check">
          <input type="checkbox" checked={allowPartial} onChange={(e) => setAllowPartial(e.target.checked)} />
          Plan partially: {left} directories now
        </label>
      )}
      {add.error && <ErrorMessage error={add.error} title="The package was not added" />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={add.isPending || (tooLarge && !allowPartial)}
        >
          {add.isPending ? "Adding…" : "Add package"}
        </button>
      </div>
    </form>
  );
}
