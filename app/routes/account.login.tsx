import {
  data, redirect, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  FAILED_LOGIN_WINDOW_MINUTES, accountRedirect, authenticateCustomer, getCustomer, signInCustomer,
} from "~/modules/auth/customer.server";
import { getSession, sessionStorage } from "~/utils/session.server";
import { parseWith } from "~/utils/validation";
import styles from "~/styles/account.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Sign in · Soko" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  // Already signed in: nothing to do here.
  if (await getCustomer(request)) throw redirect(accountRedirect(new URL(request.url).searchParams.get("redirectTo")));
  const session = await getSession(request);
  const flash = session.get("flash") ?? null;
  if (!flash) return { flash: null };
  // Reading a flash consumes it: send the cookie back without it.
  return data({ flash }, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(loginSchema, await request.formData());
  if (!parsed.ok) {
    return data({ errors: parsed.errors, formError: null, email: parsed.values.email ?? "" }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await authenticateCustomer({ email, password });
  if (!result.ok) {
    const throttled = result.reason === "throttled";
    return data(
      {
        errors: {},
        formError: throttled
          ? `Too many failed sign-in attempts for this email. Try again in ${FAILED_LOGIN_WINDOW_MINUTES} minutes.`
          : WRONG_CREDENTIALS,
        email,
      },
      { status: throttled ? 429 : 401 },
    );
  }
  return signInCustomer(request, result.customer, redirectTo);
}

export default function AccountLogin() {
  const { flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const busy = navigation.state === "submitting";
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const signupHref = redirectTo ? `/account/signup?${new URLSearchParams({ redirectTo })}` : "/account/signup";
  return (
    <div className="page account-auth">
      <h1>Sign in</h1>
      <p className="muted">See your orders and follow each piece as it's made.</p>
      {flash && !actionData ? (
        <p className={`notice notice--${flash.kind}`} role="status">{flash.message}</p>
      ) : null}
      {actionData?.formError ? (
        <p className="notice notice--error" role="alert" id="login-error">{actionData.formError}</p>
      ) : null}
      <Form method="post" noValidate aria-describedby={actionData?.formError ? "login-error" : undefined}>
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
            defaultValue={actionData?.email ?? ""}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "login-email-error" : undefined}
          />
          {errors.email ? <p className="field-error" id="login-email-error">{errors.email}</p> : null}
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
          {errors.password ? <p className="field-error" id="login-password-error">{errors.password}</p> : null}
        </div>
        <button type="submit" className="button account-auth__submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </Form>
      <p className="account-auth__switch">
        New here? <Link to={signupHref}>Create an account</Link>. You can also check out as a guest.
      </p>
    </div>
  );
}

const WRONG_CREDENTIALS = "That email and password don't match an account.";

const loginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254, "That email address is too long.").email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
  redirectTo: z.string().max(2000).optional(),
});
