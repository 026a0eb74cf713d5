import { staffAccountInput } from "@autobolt/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Field } from "../components/Field.tsx";
import { QueryStates } from "../components/States.tsx";
import { formatDateTime } from "../format.ts";
import { useTitle } from "../hooks.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";

type Account = RouterOutputs["staff"]["list"][number];

/** Admins manage who can sign in: create accounts, change roles, deactivate (sessions end at once). */
export default function StaffPage() {
  useTitle("Staff accounts");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const accounts = useQuery(trpc.staff.list.queryOptions());
  const [deactivating, setDeactivating] = useState<Account | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.staff.pathFilter());
  const update = useMutation(trpc.staff.update.mutationOptions({ onSettled: refresh }));

  if (me.data?.role !== "admin")
    return (
      <>
        <div className="page-head">
          <h1>Staff accounts</h1>
        </div>
        <p className="lead">Only an admin can manage staff accounts.</p>
      </>
    );

  return (
    <>
      <div className="page-head">
        <h1>Staff accounts</h1>
      </div>
      <p className="lead">
        Who can sign in to the console. Deactivating an account signs it out everywhere; the last active admin
        can be neither deactivated nor made staff.
      </p>
      {update.error && <ErrorMessage error={update.error} title="The account was not changed" />}
      <QueryStates query={accounts} loading="Loading accounts…" errorTitle="Accounts could not be loaded">
        {(data) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.map((a) => (
                  <tr key={a.id} className={a.active ? undefined : "row-muted"}>
                    <td>
                      <span className="strong">{a.name}</span>
                      {a.id === me.data?.id && <span className="muted"> (you)</span>}
                      <div className="muted small">{a.email}</div>
                    </td>
                    <td>
                      <select
                        aria-label={`Role of ${a.name}`}
                        value={a.role}
                        disabled={update.isPending}
                        onChange={(e) =>
                          update.mutate({ id: a.id, role: e.target.value as "admin" | "staff" })
                        }
                      >
                        <option value="staff">Staff</option>
                        <option value="admin">Admin</option>
                      </select>
                    </td>
                    <td className="small">{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : "Never"}</td>
                    <td>
                      {a.active ? (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setDeactivating(a)}
                        >
                          Deactivate {a.name}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={update.isPending}
                          onClick={() => update.mutate({ id: a.id, active: true })}
                        >
                          Reactivate {a.name}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryStates>
      <NewAccount onCreated={refresh} />
      <ConfirmDialog
        open={deactivating !== null}
        title={`Deactivate ${deactivating?.name ?? ""}?`}
        confirmLabel="Deactivate"
        destructive
        busy={update.isPending}
        error={update.error}
        onClose={() => setDeactivating(null)}
        onConfirm={() => {
          if (!deactivating) return;
          update.mutate({ id: deactivating.id, active: false }, { onSuccess: () => setDeactivating(null) });
        }}
      >
        <p>They are signed out at once, everywhere, and cannot sign in until an admin reactivates them.</p>
      </ConfirmDialog>
    </>
  );
}

function NewAccount({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.staff.create.mutationOptions({
      onSuccess: (account) => {
        setCreated(account.email);
        onCreated();
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = staffAccountInput.safeParse({
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
      role: String(data.get("role") ?? "staff"),
    });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    setCreated(null);
    create.mutate(parsed.data, { onSuccess: () => form.reset() });
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="New staff account">
      <h2>New account</h2>
      <div className="form-grid">
        <Field id="staff-name" label="Name" error={errors.name}>
          {(a11y) => <input {...a11y} name="name" type="text" autoComplete="off" />}
        </Field>
        <Field id="staff-email" label="Email" error={errors.email}>
          {(a11y) => <input {...a11y} name="email" type="email" autoComplete="off" />}
        </Field>
        <Field
          id="staff-password"
          label="First password"
          error={errors.password}
          hint="At least 10 characters, not a common one; they can change it after signing in."
        >
          {(a11y) => <input {...a11y} name="password" type="password" autoComplete="new-password" />}
        </Field>
        <Field id="staff-role" label="Role">
          {(a11y) => (
            <select {...a11y} name="role" defaultValue="staff">
              <option value="staff">Staff</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
      </div>
      {create.error && <ErrorMessage error={create.error} title="The account was not created" />}
      {created && (
        <p className="notice notice-success" role="status">
          {created} can sign in now.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create account"}
        </button>
      </div>
    </form>
  );
}
