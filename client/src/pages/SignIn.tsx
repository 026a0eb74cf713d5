import { signInInput } from "@autobolt/contract";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { Field } from "../components/Field.tsx";
import { useTitle } from "../hooks.ts";
import { switchSession, useTRPC } from "../trpc.ts";

export function SignInPage() {
  useTitle("Sign in");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (user) => {
        // Whatever was cached belonged to the previous session (or failed without one).
        switchSession(queryClient, trpc.auth.me.queryKey(), user);
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInInput.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const errors: { email?: string; password?: string } = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === "email" || key === "password") && !errors[key]) errors[key] = issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    signIn.mutate(parsed.data);
  }

  return (
    <main className="center-page">
      <div className="card signin">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ⚡
          </span>
          AutoBolt
        </p>
        <h1>Sign in</h1>
        <p className="muted">Staff console for directory submissions.</p>
        <form onSubmit={submit} noValidate>
          <Field id="signin-email" label="Email" error={fieldErrors.email}>
            {(a11y) => <input {...a11y} name="email" type="email" autoComplete="username" required />}
          </Field>
          <Field id="signin-password" label="Password" error={fieldErrors.password}>
            {(a11y) => (
              <input {...a11y} name="password" type="password" autoComplete="current-password" required />
            )}
          </Field>
          {signIn.error && <ErrorMessage error={signIn.error} title="Could not sign in" />}
          <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
            {signIn.isPending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
