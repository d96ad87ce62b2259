import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  MIN_PASSWORD_LENGTH,
  SIGNUP_LINK_DAYS,
  accountRedirect,
  clientAddress,
  getCustomer,
  requestSignUp,
  retryAfter,
  signUpThrottledMessage,
} from "~/domain/accounts/index.server";
import { HIDDEN_CHARACTER_MESSAGE, isVisibleText, parseWith, readForm } from "~/lib/validation";
import styles from "~/styles/account.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Create an account · Soko" }, { name: "robots", content: "noindex" }];
// A throttled answer's Retry-After is the action's; the route's own headers would otherwise replace it.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return { "Cache-Control": "private, no-store", ...(retry ? { "Retry-After": retry } : {}) };
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCustomer(request)) throw redirect(accountRedirect(new URL(request.url).searchParams.get("redirectTo")));
  // Constants from a .server module are not in the browser bundle: the page gets the rule from here.
  return { minPasswordLength: MIN_PASSWORD_LENGTH, linkDays: SIGNUP_LINK_DAYS };
}

type ActionData =
  | { sent: null; errors: Record<string, string>; formError: string | null; values: { email: string; name: string } }
  | { sent: { email: string } };

/**
 * The same answer for an email with an account and one without (docs/decisions/0029): the same
 * status, page and headers, no cookie, and the same work before it (counted, password hashed, one row
 * and a job). The job emails a link to finish, or tells the account's owner someone tried.
 */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(signupSchema, await readForm(request));
  if (!parsed.ok) {
    const values = { email: parsed.values.email ?? "", name: parsed.values.name ?? "" };
    return data<ActionData>({ sent: null, errors: parsed.errors, formError: null, values }, { status: 422 });
  }
  const { email, name, password } = parsed.data;
  const result = await requestSignUp({ email, name, password, address: clientAddress(request.headers) });
  if (!result.ok) {
    return data<ActionData>(
      { sent: null, errors: {}, formError: signUpThrottledMessage(result.lockedUntil), values: { email, name } },
      { status: 429, headers: retryAfter(result.lockedUntil) },
    );
  }
  return data<ActionData>({ sent: { email } });
}

export default function AccountSignup() {
  const { minPasswordLength, linkDays } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  if (reply?.sent) return <CheckYourEmail email={reply.sent.email} linkDays={linkDays} />;
  const actionData = reply?.sent === null ? reply : undefined;
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values = actionData?.values ?? { email: "", name: "" };
  const busy = navigation.state === "submitting";
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const loginHref = redirectTo ? `/account/login?${new URLSearchParams({ redirectTo })}` : "/account/login";
  return (
    <div className="page account-auth">
      <h1>Create an account</h1>
      <p className="muted">An account is optional: it keeps your order history in one place. Guest checkout works just as well.</p>
      {actionData?.formError ? (
        <p className="notice notice--error" role="alert" id="signup-error">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" noValidate aria-describedby={actionData?.formError ? "signup-error" : undefined}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="field">
          <label htmlFor="signup-email">Email</label>
          <input
            id="signup-email"
            name="email"
            type="email"
            autoComplete="email"
            required
            autoFocus
            defaultValue={values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "signup-email-error" : undefined}
          />
          {errors.email ? (
            <p className="field-error" id="signup-email-error">
              {errors.email}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="signup-name">Name</label>
          <input
            id="signup-name"
            name="name"
            type="text"
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={values.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "signup-name-error" : undefined}
          />
          {errors.name ? (
            <p className="field-error" id="signup-name-error">
              {errors.name}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="signup-password">Password</label>
          <input
            id="signup-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={minPasswordLength}
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "signup-password-hint signup-password-error" : "signup-password-hint"}
          />
          <p className="field-hint" id="signup-password-hint">
            At least {minPasswordLength} characters.
          </p>
          {errors.password ? (
            <p className="field-error" id="signup-password-error">
              {errors.password}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="signup-confirm">Confirm password</label>
          <input
            id="signup-confirm"
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={errors.confirm ? true : undefined}
            aria-describedby={errors.confirm ? "signup-confirm-error" : undefined}
          />
          {errors.confirm ? (
            <p className="field-error" id="signup-confirm-error">
              {errors.confirm}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button account-auth__submit" disabled={busy}>
          {busy ? "Creating your account…" : "Create account"}
        </button>
      </Form>
      <p className="account-auth__switch">
        Already have an account? <Link to={loginHref}>Sign in</Link>.
      </p>
    </div>
  );
}

/** The one answer to every accepted sign-up, whether or not the email has an account. */
function CheckYourEmail({ email, linkDays }: { email: string; linkDays: number }) {
  return (
    <div className="page account-auth">
      <h1>Check your email to finish</h1>
      <p role="status">
        We've sent a message to <strong>{email}</strong>. Follow the link in it within {linkDays} days to finish and sign in.
      </p>
      <p className="muted">
        Nothing there after a few minutes? Look in your spam folder. If you already have an account with this email, the message says what
        to do: <Link to="/account/login">sign in</Link> or <Link to="/account/forgot">reset your password</Link>.
      </p>
    </div>
  );
}

const signupSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, "Enter your email address.")
      .max(254, "That email address is too long.")
      .email("Enter a valid email address."),
    name: z
      .string()
      .trim()
      .min(1, "Enter your name.")
      .max(100, "Please keep your name under 100 characters.")
      .refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(200, "That password is too long (200 characters at most)."),
    confirm: z.string().max(200, "That password is too long (200 characters at most)."),
    redirectTo: z.string().max(2000).optional(),
  })
  .refine((form) => form.password === form.confirm, { path: ["confirm"], message: "The two passwords don't match." });
