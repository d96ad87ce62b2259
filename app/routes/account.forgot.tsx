import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { RESET_REQUESTED_MESSAGE, clientAddress, requestPasswordReset, resetThrottledMessage } from "~/domain/accounts/index.server";
import { retryAfter } from "~/domain/accounts/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import styles from "~/styles/account.css";
import { Field } from "~/components/ui/Field";
import { FlashNotice } from "~/components/ui/Notice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Reset your password · Soko" }, { name: "robots", content: "noindex" }];
// A throttled request's Retry-After is the action's: kept, not replaced by the page's own headers.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return { "Cache-Control": "private, no-store", ...(retry ? { "Retry-After": retry } : {}) };
};

export async function loader({ request }: LoaderFunctionArgs) {
  return withFlash(request, {});
}

type ActionData = { errors: Record<string, string>; formError: string | null; email: string };

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(forgotSchema, await readForm(request));
  if (!parsed.ok) {
    return data<ActionData>({ errors: parsed.errors, formError: null, email: parsed.values.email ?? "" }, { status: 400 });
  }
  const result = await requestPasswordReset({ email: parsed.data.email, address: clientAddress(request.headers) });
  if (!result.ok) {
    return data<ActionData>(
      { errors: {}, formError: resetThrottledMessage(result.lockedUntil), email: parsed.data.email },
      { status: 429, headers: retryAfter(result.lockedUntil) },
    );
  }
  // The same answer whether or not an account exists: the job decides, later, if an email goes out.
  return redirectWithFlash(request, "/account/forgot", { kind: "success", message: RESET_REQUESTED_MESSAGE }, { status: 303 });
}

export default function AccountForgot() {
  const { flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="page account-auth">
      <h1>Reset your password</h1>
      <p className="muted">Enter the email address of your account and we'll send you a link to choose a new password.</p>
      <FlashNotice flash={actionData ? null : flash} />
      {actionData?.formError ? (
        <p className="notice notice--error" role="alert" id="forgot-error">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" noValidate aria-describedby={actionData?.formError ? "forgot-error" : undefined}>
        <Field
          idPrefix="forgot"
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          maxLength={254}
          defaultValue={actionData?.email ?? ""}
          error={errors.email}
        />
        <button type="submit" className="button account-auth__submit" disabled={busy}>
          {busy ? "Sending…" : "Send reset link"}
        </button>
      </Form>
      <p className="account-auth__switch">
        Remembered it? <Link to="/account/login">Sign in</Link>.
      </p>
    </div>
  );
}

const forgotSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .email("Enter a valid email address."),
});
