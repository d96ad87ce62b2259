import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { MIN_STAFF_PASSWORD_LENGTH, newPasswordSchema } from "~/domain/accounts";
import { checkStaffLink, setStaffPassword, signInStaff, type StaffLinkCheck } from "~/domain/accounts/index.server";
import { parseWith, readForm } from "~/lib/validation";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [
  { title: "Choose your password · Soko operations" },
  { name: "robots", content: "noindex" },
  // The token is in the address: never send it on to another site (same-origin keeps the form's Origin).
  { name: "referrer", content: "same-origin" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });

type Refused = Extract<StaffLinkCheck, { ok: false }>["reason"];
const STATUS: Record<Refused, 400 | 404 | 410> = { malformed: 400, unknown: 404, inactive: 410, used: 410, revoked: 410, expired: 410 };
const WORDS: Record<Refused, string> = {
  malformed: "This link is incomplete. Open it again from the email, or ask your admin for a new one.",
  unknown: "We don't know this link. Ask your admin to send a new one.",
  inactive: "This account is deactivated. Ask your admin.",
  used: "This link has been used already. Sign in with the password you chose, or ask your admin for a new link.",
  revoked: "A newer link was sent since this one: use the newest email.",
  expired: "This link has expired. Ask your admin to send a new one.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const check = await checkStaffLink(new URL(request.url).searchParams.get("token") ?? "");
  if (!check.ok) return data({ refused: check.reason, link: null, token: "" }, { status: STATUS[check.reason] });
  return { refused: null, link: check, token: new URL(request.url).searchParams.get("token") ?? "" };
}

const formSchema = z.object({ token: z.string().max(100) }).and(newPasswordSchema);

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseWith(formSchema, form);
  if (!parsed.ok) {
    const check = await checkStaffLink(form.get("token"));
    if (!check.ok) return data({ refused: check.reason, errors: {} }, { status: STATUS[check.reason] });
    return data({ refused: null, errors: parsed.errors }, { status: 422 });
  }
  const result = await setStaffPassword(parsed.data.token, parsed.data.password);
  if (!result.ok) return data({ refused: result.reason, errors: {} }, { status: STATUS[result.reason] });
  return signInStaff(request, result.staff, null);
}

export default function OpsPassword() {
  const loaded = useLoaderData<typeof loader>();
  const answered = useActionData<typeof action>();
  const refused = answered?.refused ?? loaded.refused;
  if (refused || !loaded.link)
    return (
      <div className="ops-page ops-login">
        <h1>This link doesn't work</h1>
        <p className="notice notice--error" role="alert">
          {WORDS[refused ?? "malformed"]}
        </p>
        <p>
          <Link to="/ops/login">Sign in</Link>
        </p>
      </div>
    );
  const errors: Record<string, string | undefined> = answered?.errors ?? {};
  const invite = loaded.link.purpose === "invite";
  return (
    <div className="ops-page ops-login">
      <h1>{invite ? `Welcome, ${loaded.link.name}` : "Choose a new password"}</h1>
      <p className="muted">
        For <strong>{loaded.link.email}</strong>. You'll be signed in once it's saved.
      </p>
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="token" value={loaded.token} />
        <Field
          idPrefix="pw"
          name="password"
          label={invite ? "Password" : "New password"}
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_STAFF_PASSWORD_LENGTH}
          hint={`At least ${MIN_STAFF_PASSWORD_LENGTH} characters. A short sentence is easy to remember.`}
          error={errors.password}
        />
        <Field
          idPrefix="pw"
          name="confirm"
          label="Type it again"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <SubmitButton busyLabel="Saving…">Save and sign in</SubmitButton>
      </Form>
    </div>
  );
}
