import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { acceptInvitation, findInvitation, signInBuyer } from "~/domain/wholesale/index.server";
import { acceptInviteSchema, MIN_PASSWORD_LENGTH } from "~/domain/wholesale";
import { parseWith, readForm } from "~/lib/validation";
import { Field } from "~/components/ui/Field";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const meta: MetaFunction = () => [
  { title: "Set your password · Soko wholesale" },
  { name: "robots", content: "noindex" },
  // The token is in the address: never send it on to another site. ("no-referrer" would make the
  // browser post the plain form with `Origin: null`, which Remix refuses as cross-site.)
  { name: "referrer", content: "same-origin" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(params.token ?? "");
  if (!invitation) return data({ invitation: null }, { status: 404 });
  return { invitation: { email: invitation.email, name: invitation.name, retailerName: invitation.retailerName } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseWith(acceptInviteSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, name: parsed.values.name ?? "" }, { status: 422 });
  const buyer = await acceptInvitation(params.token ?? "", parsed.data);
  if (!buyer) return data({ errors: { form: EXPIRED } as Record<string, string>, name: parsed.data.name }, { status: 404 });
  return signInBuyer(request, buyer.id, "/wholesale/catalog");
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  if (!invitation) {
    return (
      <div className="page wholesale-narrow">
        <h1>This invitation link has expired</h1>
        <p>{EXPIRED}</p>
        <p>
          <Link className="button" to="/wholesale/login">
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page wholesale-narrow">
      <p className="eyebrow">{invitation.retailerName}</p>
      <h1>Set your password</h1>
      <p className="muted">
        You'll sign in as <strong>{invitation.email}</strong>.
      </p>
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" noValidate className="wholesale-panel">
        <Field
          idPrefix="invite"
          required
          name="name"
          label="Your name"
          autoComplete="name"
          defaultValue={actionData?.name ?? invitation.name}
          error={errors.name}
        />
        <Field
          idPrefix="invite"
          required
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          error={errors.password}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        />
        <Field
          idPrefix="invite"
          required
          name="confirm"
          label="Password again"
          type="password"
          autoComplete="new-password"
          error={errors.confirm}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Set password and sign in"}
        </button>
      </Form>
    </div>
  );
}

const EXPIRED =
  "This invitation link has already been used or has expired (links last 7 days). Ask a colleague on your account to invite you again, or sign in if you've already set your password.";
