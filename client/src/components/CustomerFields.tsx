import { customerFields, usStates } from "@autobolt/contract";
import { Field } from "./Field.tsx";

export type FieldErrors = Record<string, string>;

export const customerInputs: Array<{
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

type CustomerValues = { [field: string]: unknown };

const textOf = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * The business details, as the new-customer form and the customer page's edit form both show
 * them; `onContactChange` hears the fields that identify a business (email, phone, website).
 */
export function CustomerFieldset(props: {
  errors: FieldErrors;
  initial?: CustomerValues;
  onContactChange?: (name: "email" | "phone" | "website", value: string) => void;
}) {
  return (
    <fieldset>
      <legend>Business details</legend>
      <div className="form-grid">
        {customerInputs.map((f) => (
          <Field
            key={f.name}
            id={`customer-${f.name}`}
            label={f.label}
            error={props.errors[f.name]}
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
                defaultValue={textOf(props.initial?.[f.name])}
                list={f.name === "state" ? "us-states" : undefined}
                onChange={
                  props.onContactChange && (f.name === "email" || f.name === "phone" || f.name === "website")
                    ? (e) =>
                        props.onContactChange?.(
                          f.name as "email" | "phone" | "website",
                          e.target.value.trim(),
                        )
                    : undefined
                }
              />
            )}
          </Field>
        ))}
        <Field id="customer-description" label="Description" optional wide error={props.errors.description}>
          {(a11y) => (
            <textarea
              {...a11y}
              name="description"
              rows={3}
              defaultValue={textOf(props.initial?.description)}
            />
          )}
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
  );
}

/** The business details typed into a form holding a CustomerFieldset, as the shared schema wants them. */
export function readCustomerForm(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const optional = (name: string) => text(name) || undefined;
  return {
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
  };
}

/** Checks the details with the schema the server uses; errors keyed by field name. */
export function checkCustomer(values: ReturnType<typeof readCustomerForm>) {
  const parsed = customerFields.safeParse(values);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { data: null, errors };
}
