import { Form } from "@remix-run/react";
import { FieldError } from "~/components/ui/Field";

type Props = {
  wrongRole: boolean;
  message: string | null | undefined;
  email: string;
  errors: Record<string, string | undefined>;
  redirectTo: string;
  busy: boolean;
};

/** Sign in to the register: staff email and password (the ids are the register's own, pos-*). */
export function PosSignIn({ wrongRole, message, email, errors, redirectTo, busy }: Props) {
  return (
    <section className="pos-page pos-narrow">
      <h1>Sign in to the register</h1>
      <p className="muted">Flagship staff: your Soko staff email and password.</p>
      {wrongRole ? <p className="notice notice--error">This account can't use the register. Sign in as a cashier or a manager.</p> : null}
      {message ? (
        <p className="notice notice--error" role="alert" id="pos-login-error">
          {message}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="field">
          <label htmlFor="pos-email">Email</label>
          <input
            id="pos-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            defaultValue={email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "pos-email-error" : undefined}
          />
          <FieldError id="pos-email-error" message={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="pos-password">Password</label>
          <input
            id="pos-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "pos-password-error" : undefined}
          />
          <FieldError id="pos-password-error" message={errors.password} />
        </div>
        <button type="submit" className="button pos-big" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </section>
  );
}
