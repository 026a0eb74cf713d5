import { changePasswordInput } from "@autobolt/contract";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Field } from "../components/Field.tsx";
import { useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

/** Change my password: other sessions of mine end; this one stays signed in. */
export default function AccountPage() {
  useTitle("My account");
  const trpc = useTRPC();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = useMutation(trpc.auth.changePassword.mutationOptions());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next: Record<string, string> = {};
    const parsed = changePasswordInput.safeParse({
      currentPassword: String(data.get("currentPassword") ?? ""),
      newPassword: String(data.get("newPassword") ?? ""),
    });
    if (!parsed.success)
      for (const issue of parsed.error.issues) next[String(issue.path[0])] ??= issue.message;
    if (data.get("newPassword") !== data.get("repeatPassword"))
      next.repeatPassword ??= "The two new passwords differ";
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    change.mutate(parsed.data, { onSuccess: () => form.reset() });
  }

  return (
    <>
      <div className="page-head">
        <h1>My account</h1>
      </div>
      <form className="card form" onSubmit={submit} noValidate aria-label="Change my password">
        <h2>Change my password</h2>
        <p className="muted small">Your other sessions are signed out; this one stays.</p>
        <div className="form-grid">
          <Field id="account-current" label="Current password" error={errors.currentPassword}>
            {(a11y) => (
              <input {...a11y} name="currentPassword" type="password" autoComplete="current-password" />
            )}
          </Field>
          <Field
            id="account-new"
            label="New password"
            error={errors.newPassword}
            hint="At least 10 characters"
          >
            {(a11y) => <input {...a11y} name="newPassword" type="password" autoComplete="new-password" />}
          </Field>
          <Field id="account-repeat" label="New password again" error={errors.repeatPassword}>
            {(a11y) => <input {...a11y} name="repeatPassword" type="password" autoComplete="new-password" />}
          </Field>
        </div>
        {change.error && <ErrorMessage error={change.error} title="The password was not changed" />}
        {change.isSuccess && (
          <p className="notice notice-success" role="status">
            Your password is changed.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            {change.isPending ? "Changing…" : "Change password"}
          </button>
        </div>
      </form>
    </>
  );
}
