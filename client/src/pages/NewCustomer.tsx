import { createCustomerInput } from "@autobolt/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { CustomerFieldset, type FieldErrors, readCustomerForm } from "../components/CustomerFields.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Field } from "../components/Field.tsx";
import { priorityLabels } from "../format.ts";
import { useDebounced, useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

export function NewCustomerPage() {
  useTitle("New customer");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const packages = useQuery(trpc.directories.packages.queryOptions());
  const [packageId, setPackageId] = useState("starter");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [customSize, setCustomSize] = useState("");
  const [allowPartial, setAllowPartial] = useState(false);
  // What identifies a business, looked up as it is typed: an existing customer is offered
  // another package instead of being created twice.
  const [contact, setContact] = useState({ email: "", phone: "", website: "" });
  const lookup = useDebounced(contact);
  const duplicates = useQuery({
    ...trpc.customers.duplicates.queryOptions({
      email: lookup.email || undefined,
      phone: lookup.phone || undefined,
      website: lookup.website || undefined,
    }),
    enabled: Boolean(lookup.email || lookup.phone || lookup.website),
  });
  const available = useQuery(trpc.customers.availableDirectories.queryOptions());
  const chosenSize =
    packageId === "custom"
      ? Number(customSize) || undefined
      : packages.data?.find((p) => p.id === packageId)?.size;
  const activeCount = available.data?.active;
  const tooLarge = chosenSize !== undefined && activeCount !== undefined && chosenSize > activeCount;
  const created = async (jobId: string) => {
    await queryClient.invalidateQueries(trpc.jobs.pathFilter());
    await navigate({ to: "/", search: { created: jobId } });
  };
  const create = useMutation(
    trpc.customers.create.mutationOptions({ onSuccess: ({ job }) => created(job.id) }),
  );
  const addPackage = useMutation(
    trpc.customers.addPackage.mutationOptions({ onSuccess: (job) => created(job.id) }),
  );
  const packageInput = () =>
    packageId === "custom" ? { size: Number(customSize || Number.NaN) } : { id: packageId };
  const priorityInput = () =>
    Number((document.getElementById("customer-priorityLevel") as HTMLSelectElement | null)?.value ?? 3);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      customer: readCustomerForm(form),
      package: packageInput(),
      priorityLevel: Number(form.get("priorityLevel")),
      allowPartial,
    };
    const parsed = createCustomerInput.safeParse(input);
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const [head, field] = issue.path;
        const key = head === "customer" ? String(field) : head === "package" ? "packageSize" : String(head);
        next[key] ??= issue.message;
      }
      setErrors(next);
      // Put the keyboard where the first problem is.
      const first = Object.keys(next)[0];
      if (first) document.getElementById(`customer-${first}`)?.focus();
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <>
      <div className="page-head">
        <h1>New customer</h1>
      </div>
      <p className="lead">
        Creates the customer and a pending job for their package; the strongest active directories they do not
        already have are planned first.
      </p>
      <form className="card form" onSubmit={submit} noValidate>
        <CustomerFieldset
          errors={errors}
          onContactChange={(name, value) => setContact((c) => ({ ...c, [name]: value }))}
        />

        {duplicates.data && duplicates.data.length > 0 && (
          <div className="notice notice-warning duplicate-offer" role="status">
            <strong>This business may already be a customer.</strong>
            {duplicates.data.map((d) => (
              <p key={d.id}>
                <strong>{d.businessName}</strong> ({d.city}, {d.state}; {d.email}; {d.phone}) has the same{" "}
                {d.matched.join(" and ")} ({d.jobCount} {d.jobCount === 1 ? "job" : "jobs"} so far).{" "}
                <button
                  type="button"
                  className="button button-small button-primary"
                  disabled={addPackage.isPending}
                  onClick={() =>
                    addPackage.mutate({
                      customerId: d.id,
                      package: packageInput(),
                      priorityLevel: priorityInput(),
                      allowPartial,
                    })
                  }
                >
                  Add the package to {d.businessName}
                </button>
              </p>
            ))}
            <p className="small">
              A package added to them skips every directory they already have. Create a new customer only if
              this is a different business.
            </p>
            {addPackage.error && <ErrorMessage error={addPackage.error} title="The package was not added" />}
          </div>
        )}

        <fieldset>
          <legend>Package and priority</legend>
          <div className="form-grid">
            <Field id="customer-package" label="Package" error={errors.package}>
              {(a11y) => (
                <select
                  {...a11y}
                  name="package"
                  value={packageId}
                  onChange={(e) => setPackageId(e.target.value)}
                >
                  {packages.data
                    ? packages.data.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name} — {p.size} directories
                          {activeCount !== undefined && p.size > activeCount ? " (more than available)" : ""}
                        </option>
                      ))
                    : [
                        <option key="starter" value="starter">
                          {packages.isError ? "Starter" : "Loading packages…"}
                        </option>,
                      ]}
                  <option value="custom">Custom size…</option>
                </select>
              )}
            </Field>
            {packageId === "custom" && (
              <Field id="customer-packageSize" label="Number of directories" error={errors.packageSize}>
                {(a11y) => (
                  <input
                    {...a11y}
                    name="packageSize"
                    type="number"
                    min={1}
                    inputMode="numeric"
                    value={customSize}
                    onChange={(e) => setCustomSize(e.target.value)}
                  />
                )}
              </Field>
            )}
            <Field id="customer-priorityLevel" label="Priority" error={errors.priorityLevel}>
              {(a11y) => (
                <select {...a11y} name="priorityLevel" defaultValue="3">
                  {[1, 2, 3, 4, 5].map((p) => (
                    <option key={p} value={p}>
                      {priorityLabels[p]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <p className="field-hint" id="available-directories">
            {activeCount !== undefined
              ? `${activeCount} active directories are available to a new customer.`
              : "Counting the available directories…"}
          </p>
          {tooLarge && (
            <div className="notice notice-warning" role="alert">
              <p>
                This package needs {chosenSize} directories, but the catalog has only {activeCount} active
                ones. Choose a smaller package, add directories to the catalog, or plan the {activeCount}{" "}
                available now.
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  checked={allowPartial}
                  onChange={(e) => setAllowPartial(e.target.checked)}
                />
                Plan partially: {activeCount} directories now
              </label>
            </div>
          )}
          {packages.isError && <ErrorMessage error={packages.error} title="Package list unavailable" />}
        </fieldset>

        {create.error && <ErrorMessage error={create.error} title="The customer was not created" />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={create.isPending || (tooLarge && !allowPartial)}
          >
            {create.isPending ? "Creating…" : "Create customer and job"}
          </button>
        </div>
      </form>
    </>
  );
}
