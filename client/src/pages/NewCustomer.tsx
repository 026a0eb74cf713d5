import { createCustomerInput, usStates } from "@autobolt/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { priorityLabels } from "../format.ts";
import { useDebounced, useTitle } from "../hooks.ts";
import { navigate } from "../router.tsx";
import { useTRPC } from "../trpc.ts";

type Errors = Record<string, string>;

const customerInputs: Array<{
  name: string;
  label: string;
  type?: string;
  optional?: boolean;
  autoComplete?: string;
  hint?: string;
  wide?: boolean;
}> = [
  { name: "businessName", label: "Business name", autoComplete: "organization", wide: true },
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "phone", label: "Phone", type: "tel", autoComplete: "tel" },
  { name: "website", label: "Website", type: "url", optional: true, hint: "https://…", wide: true },
  { name: "address", label: "Street address", autoComplete: "street-address", wide: true },
  { name: "city", label: "City", autoComplete: "address-level2" },
  { name: "state", label: "State", autoComplete: "address-level1", hint: "e.g. TX or Texas" },
  { name: "zip", label: "ZIP / postal code", autoComplete: "postal-code" },
  { name: "category", label: "Category", optional: true, hint: "e.g. Plumber" },
];

function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  wide?: boolean;
  children: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : "", props.error ? errorId : ""].filter(Boolean).join(" ");
  return (
    <div className={props.wide ? "field field-wide" : "field"}>
      <label htmlFor={props.id}>
        {props.label}
        {props.optional && <span className="muted"> (optional)</span>}
      </label>
      {props.children({
        id: props.id,
        ...(props.error ? { "aria-invalid": true as const } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {props.hint && (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}

export function NewCustomerPage() {
  useTitle("New customer");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const packages = useQuery(trpc.directories.packages.queryOptions());
  const [packageId, setPackageId] = useState("starter");
  const [errors, setErrors] = useState<Errors>({});
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
    navigate(`/?created=${jobId}`);
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
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const optional = (name: string) => text(name) || undefined;
    const input = {
      customer: {
        businessName: text("businessName"),
        email: text("email"),
        phone: text("phone"),
        website: optional("website"),
        address: text("address"),
        city: text("city"),
        state: text("state"),
        zip: text("zip"),
        category: optional("category"),
        description: optional("description"),
      },
      package: packageInput(),
      priorityLevel: Number(text("priorityLevel")),
      allowPartial,
    };
    const parsed = createCustomerInput.safeParse(input);
    if (!parsed.success) {
      const next: Errors = {};
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
        <fieldset>
          <legend>Business details</legend>
          <div className="form-grid">
            {customerInputs.map((f) => (
              <Field
                key={f.name}
                id={`customer-${f.name}`}
                label={f.label}
                error={errors[f.name]}
                optional={f.optional ?? false}
                wide={f.wide ?? false}
                {...(f.hint ? { hint: f.hint } : {})}
              >
                {(a11y) => (
                  <input
                    {...a11y}
                    name={f.name}
                    type={f.type ?? "text"}
                    autoComplete={f.autoComplete}
                    list={f.name === "state" ? "us-states" : undefined}
                    onChange={
                      f.name === "email" || f.name === "phone" || f.name === "website"
                        ? (e) => setContact((c) => ({ ...c, [f.name]: e.target.value.trim() }))
                        : undefined
                    }
                  />
                )}
              </Field>
            ))}
            <Field id="customer-description" label="Description" optional wide error={errors.description}>
              {(a11y) => <textarea {...a11y} name="description" rows={3} />}
            </Field>
          </div>
          <datalist id="us-states">
            {usStates.map(([abbr, name]) => (
              <option key={abbr} value={abbr}>
                {name}
              </option>
            ))}
          </datalist>
        </fieldset>

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
