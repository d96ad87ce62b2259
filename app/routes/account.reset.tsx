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
import { MIN_PASSWORD_LENGTH } from "~/domain/accounts/index.server";
import { checkResetToken, resetPassword, signInAfterReset, type ResetCheck } from "~/domain/accounts/index.server";
import { parseWith, readForm } from "~/lib/validation";
import styles from "~/styles/account.css";
import { Field } from "~/components/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [
  { title: "Choose a new password · Soko" },
  { name: "robots", content: "noindex" },
  // The token is in the address: never send it on to another site. ("no-referrer" would also make
  // the browser send `Origin: null` with the plain form's POST, which Remix refuses as cross-site.)
  { name: "referrer", content: "same-origin" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });

type Refusal = Extract<ResetCheck, { ok: false }>["reason"];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const check = await checkResetToken(token);
  if (!check.ok)
    return data(
      { refused: check.reason as Refusal, email: null, token: "", minPasswordLength: MIN_PASSWORD_LENGTH },
      { status: refusalStatus(check.reason) },
    );
  // Constants from a .server module are not in the browser bundle: the page gets the rule from here.
  return { refused: null, email: check.email, token, minPasswordLength: MIN_PASSWORD_LENGTH };
}

type ActionData = { errors: Record<string, string>; refused: Refusal | null };

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseWith(resetSchema, form);
  if (!parsed.ok) {
    // A bad password is worth a second try only while the link itself still works.
    const check = await checkResetToken(form.get("token"));
    if (!check.ok) return data<ActionData>({ errors: {}, refused: check.reason }, { status: refusalStatus(check.reason) });
    return data<ActionData>({ errors: parsed.errors, refused: null }, { status: 422 });
  }
  const result = await resetPassword(parsed.data.token, parsed.data.password);
  if (!result.ok) return data<ActionData>({ errors: {}, refused: result.reason }, { status: refusalStatus(result.reason) });
  return signInAfterReset(request, result.customer);
}

export default function AccountReset() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const refused = actionData?.refused ?? loaderData.refused;
  if (refused || !loaderData.email) return <LinkRefused reason={refused ?? "malformed"} />;
  const { email, token, minPasswordLength } = loaderData;
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="page account-auth">
      <h1>Choose a new password</h1>
      <p className="muted">
        For your account <strong className="account__email">{email}</strong>. You'll be signed in once it's saved.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="token" value={token} />
        <Field
          idPrefix="reset"
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          minLength={minPasswordLength}
          hint={`At least ${minPasswordLength} characters.`}
          error={errors.password}
        />
        <Field
          idPrefix="reset"
          name="confirm"
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <button type="submit" className="button account-auth__submit" disabled={busy}>
          {busy ? "Saving…" : "Save password and sign in"}
        </button>
      </Form>
    </div>
  );
}

function LinkRefused({ reason }: { reason: Refusal }) {
  return (
    <div className="page account-auth">
      <h1>This reset link doesn't work</h1>
      <p className="notice notice--error" role="alert">
        {REFUSAL_WORDS[reason]}
      </p>
      <p>
        <Link className="button account-auth__submit" to="/account/forgot">
          Ask for a new link
        </Link>
      </p>
      <p className="account-auth__switch">
        Remembered your password? <Link to="/account/login">Sign in</Link>.
      </p>
    </div>
  );
}

/** Malformed: 400; no such link: 404; a link that worked once but no longer does: 410. */
function refusalStatus(reason: Refusal) {
  return reason === "malformed" ? 400 : reason === "unknown" ? 404 : 410;
}

const REFUSAL_WORDS: Record<Refusal, string> = {
  malformed: "This link is incomplete. Check that you opened the whole link from the email, or ask for a new one.",
  unknown: "We don't recognise this link. Check that you opened the whole link from the email, or ask for a new one.",
  used: "This link has already been used to change the password. Each link works once.",
  revoked: "A newer reset link has been sent since this one: only the newest link works.",
  expired: "This link has expired: reset links work for 1 hour.",
};

const resetSchema = z
  .object({
    token: z.string().max(200),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(200, "That password is too long (200 characters at most)."),
    confirm: z.string().max(200, "That password is too long (200 characters at most)."),
  })
  .refine((form) => form.password === form.confirm, { path: ["confirm"], message: "The two passwords don't match." });
