import { directoryFields } from "@autobolt/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Field } from "../components/Field.tsx";
import { LearnedMappingPanel } from "../components/LearnedMapping.tsx";
import { Loading } from "../components/States.tsx";
import { useTitle } from "../hooks.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";

type Directory = RouterOutputs["directories"]["byId"];

const recipeExample = `{
  "version": 1,
  "steps": [
    { "action": "goto", "url": "https://example.com/add-listing" },
    { "action": "fill", "selector": "#business", "field": "businessName" },
    { "action": "click", "selector": "button[type=submit]" },
    { "action": "expectText", "text": "Thank you" }
  ]
}`;

const listingSearchExample = `{
  "version": 1,
  "steps": [
    { "action": "goto", "url": "https://example.com/search" },
    { "action": "fill", "selector": "input[name=q]", "field": "businessName" },
    { "action": "click", "selector": "button[type=submit]" },
    { "action": "openListing", "selector": ".results" }
  ]
}`;

/** The two JSON fields of a directory: each parsed, then checked by the shared schema. */
const jsonFields = ["recipe", "listingSearch"] as const;
type JsonField = (typeof jsonFields)[number];
const noIssues: Record<JsonField, string[]> = { recipe: [], listingSearch: [] };

/** "steps[2].selector" reads better to a person than ["steps", 2, "selector"]. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) =>
      typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part),
    "",
  );
}

const flags = [
  ["requiresLogin", "Requires login"],
  ["requiresCaptcha", "Has a captcha"],
  ["requiresEmailVerification", "Requires email verification"],
  ["requiresPhoneVerification", "Requires phone verification"],
  ["active", "Enabled (planned into new jobs)"],
] as const;

export default function DirectoryEditorPage() {
  // Present on /directories/$id/edit, absent on /directories/new.
  const { id } = useParams({ strict: false });
  const trpc = useTRPC();
  const existing = useQuery({
    ...trpc.directories.byId.queryOptions({ id: id ?? "" }),
    enabled: id !== undefined,
  });
  const me = useQuery(trpc.auth.me.queryOptions());
  useTitle(id ? "Edit directory" : "Add directory");
  if (id && existing.isPending) return <Loading label="Loading the directory…" />;
  if (id && existing.isError)
    return (
      <>
        <h1>Edit directory</h1>
        <ErrorMessage
          error={existing.error}
          title="The directory could not be loaded"
          onRetry={() => existing.refetch()}
        />
      </>
    );
  const directory = id ? existing.data : undefined;
  return (
    <>
      {/* Drawn afresh when the directory changes elsewhere (a learned mapping adopted as its recipe). */}
      <DirectoryForm key={directory ? String(directory.updatedAt) : "new"} existing={directory} />
      {directory && <LearnedMappingPanel directory={directory} isAdmin={me.data?.role === "admin"} />}
    </>
  );
}

function DirectoryForm({ existing }: { existing: Directory | undefined }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [jsonIssues, setJsonIssues] = useState(noIssues);
  const onSuccess = async () => {
    await queryClient.invalidateQueries(trpc.directories.pathFilter());
    void navigate({ to: "/directories" });
  };
  const create = useMutation(trpc.directories.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.directories.update.mutationOptions({ onSuccess }));
  const saving = create.isPending || update.isPending;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const json: Record<JsonField, unknown> = { recipe: null, listingSearch: null };
    const unreadable = { ...noIssues };
    for (const field of jsonFields) {
      const raw = text(field);
      if (!raw) continue;
      try {
        json[field] = JSON.parse(raw);
      } catch (error) {
        unreadable[field] = [`Not valid JSON: ${(error as Error).message}`];
      }
    }
    if (jsonFields.some((field) => unreadable[field].length > 0)) {
      setJsonIssues(unreadable);
      setErrors({});
      return;
    }
    const parsed = directoryFields.safeParse({
      id: existing?.id ?? text("id"),
      name: text("name"),
      url: text("url"),
      submissionUrl: text("submissionUrl"),
      category: text("category") || undefined,
      domainAuthority: Number(text("domainAuthority") || 0),
      requiresLogin: form.has("requiresLogin"),
      requiresCaptcha: form.has("requiresCaptcha"),
      requiresEmailVerification: form.has("requiresEmailVerification"),
      requiresPhoneVerification: form.has("requiresPhoneVerification"),
      active: form.has("active"),
      formEmail: text("formEmail") || undefined,
      ...json,
      notes: text("notes"),
    });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      const problems: Record<JsonField, string[]> = { recipe: [], listingSearch: [] };
      for (const issue of parsed.error.issues) {
        const [head, ...rest] = issue.path;
        if (head === "recipe" || head === "listingSearch")
          problems[head].push(issuePath(rest) ? `${issuePath(rest)}: ${issue.message}` : issue.message);
        else next[String(head)] ??= issue.message;
      }
      setErrors(next);
      setJsonIssues(problems);
      return;
    }
    setErrors({});
    setJsonIssues(noIssues);
    if (existing) {
      const { id, ...fields } = parsed.data;
      update.mutate({ id, fields });
    } else create.mutate(parsed.data);
  }

  const input = (
    name: string,
    label: string,
    props: { type?: string; defaultValue?: string | number; hint?: string } = {},
  ) => (
    <Field
      id={`directory-${name}`}
      label={label}
      error={errors[name]}
      {...(props.hint ? { hint: props.hint } : {})}
    >
      {(a11y) => (
        <input {...a11y} name={name} type={props.type ?? "text"} defaultValue={props.defaultValue} />
      )}
    </Field>
  );

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/directories">Directories</Link> <span aria-hidden="true">/</span>{" "}
        <span>{existing ? existing.name : "New"}</span>
      </nav>
      <h1>{existing ? `Edit ${existing.name}` : "Add directory"}</h1>
      <form className="card form" onSubmit={submit} noValidate>
        <div className="form-grid">
          {existing ? (
            <div className="field">
              <span className="label">Id</span>
              <p className="static-value">{existing.id}</p>
            </div>
          ) : (
            input("id", "Id", { hint: "Lowercase letters, digits and dashes, e.g. bing-places" })
          )}
          {input("name", "Name", { defaultValue: existing?.name ?? "" })}
          {input("url", "Home page", { type: "url", defaultValue: existing?.url ?? "" })}
          {input("submissionUrl", "Submission page", {
            type: "url",
            defaultValue: existing?.submissionUrl ?? "",
          })}
          {input("category", "Category", { defaultValue: existing?.category ?? "general" })}
          {input("domainAuthority", "Domain authority (0–100)", {
            type: "number",
            defaultValue: existing?.domainAuthority ?? 0,
          })}
          <Field
            id="directory-formEmail"
            label="Email on its forms"
            hint="The campaign address lets the workers confirm its mail and make its account; used when the inbox is on."
            error={errors.formEmail}
          >
            {(a11y) => (
              <select {...a11y} name="formEmail" defaultValue={existing?.formEmail ?? "campaign"}>
                <option value="campaign">The customer's campaign address</option>
                <option value="customer">The customer's own email</option>
              </select>
            )}
          </Field>
        </div>
        <fieldset>
          <legend>What it demands</legend>
          <div className="checks">
            {flags.map(([name, label]) => (
              <label key={name} className="check">
                <input
                  type="checkbox"
                  name={name}
                  defaultChecked={existing ? existing[name] : name === "active"}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <JsonRecipeField
          name="recipe"
          label="Recipe"
          hint="optional JSON, for forms the generic filler cannot handle"
          example={recipeExample}
          value={existing?.recipe ?? null}
          issues={jsonIssues.recipe}
        />
        <JsonRecipeField
          name="listingSearch"
          label="Listing search"
          hint="optional JSON: how re-checks find the listing when its confirmation gives no link — search steps ending with openListing"
          example={listingSearchExample}
          value={existing?.listingSearch ?? null}
          issues={jsonIssues.listingSearch}
        />
        <Field id="directory-notes" label="Notes" optional wide>
          {(a11y) => <textarea {...a11y} name="notes" rows={3} defaultValue={existing?.notes ?? ""} />}
        </Field>
        {(create.error || update.error) && (
          <ErrorMessage error={create.error ?? update.error} title="The directory was not saved" />
        )}
        <div className="form-actions">
          <Link to="/directories" className="button">
            Back
          </Link>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? "Saving…" : existing ? "Save changes" : "Add directory"}
          </button>
        </div>
      </form>
    </>
  );
}

/** A recipe-shaped JSON field with its problems listed by path under it. */
function JsonRecipeField(props: {
  name: JsonField;
  label: string;
  hint: string;
  example: string;
  value: unknown;
  issues: string[];
}) {
  const id = `directory-${props.name}`;
  return (
    <div className="field field-wide">
      <label htmlFor={id}>
        {props.label} <span className="muted">({props.hint})</span>
      </label>
      <textarea
        id={id}
        name={props.name}
        className="code"
        rows={12}
        spellCheck={false}
        placeholder={props.example}
        defaultValue={props.value ? JSON.stringify(props.value, null, 2) : ""}
        aria-invalid={props.issues.length ? true : undefined}
        aria-describedby={props.issues.length ? `${id}-error` : undefined}
      />
      {props.issues.length > 0 && (
        <ul className="field-error issue-list" id={`${id}-error`}>
          {props.issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
