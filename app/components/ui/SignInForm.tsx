import { Form } from "@remix-run/react";

type Props = {
  redirectTo: string;
  email?: string;
  errors: { email?: string; password?: string };
  /** The id of the form-level error message, when there is one. */
  describedBy?: string;
  busy: boolean;
  submitClassName?: string;
  className?: string;
};

/** Email and password, for every surface that signs people in with them (staff, customers, buyers). */
export function SignInForm({ redirectTo, email, errors, describedBy, busy, submitClassName = "button", className }: Props) {
  return (
    <Form method="post" noValidate className={className} aria-describedby={describedBy}>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={email ?? ""}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "login-email-error" : undefined}
        />
        {errors.email ? (
          <p className="field-error" id="login-email-error">
            {errors.email}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "login-password-error" : undefined}
        />
        {errors.password ? (
          <p className="field-error" id="login-password-error">
            {errors.password}
          </p>
        ) : null}
      </div>
      <button type="submit" className={submitClassName} disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </Form>
  );
}
