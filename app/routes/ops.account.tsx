import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { MIN_STAFF_PASSWORD_LENGTH } from "~/domain/accounts";
import { requireOpsStaff, retryAfter, signOutStaffEverywhere, throttledMessage } from "~/domain/accounts/index.server";
import { changePasswordFromForm } from "~/features/ops/staff/staff-forms.server";
import { withFlash } from "~/lib/flash.server";
import { countSessions } from "~/lib/session.server";
import { parseWith, readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Your account · Soko operations" }];

/** Every staff member's own page (any role): who they are signed in as, and "sign out everywhere". */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.account", "loader");
  const sessions = await countSessions({ kind: "staff", id: staff.id });
  return withFlash(request, { staff: { name: staff.name, email: staff.email, roles: staff.roles }, sessions });
}

const actionSchema = z
  .object({ intent: z.enum(["sign-out-everywhere", "change-password"], { errorMap: () => ({ message: "Unknown action." }) }) })
  .passthrough();

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.account", "action");
  const form = await readForm(request);
  const parsed = parseWith(actionSchema, form);
  if (!parsed.ok) return data({ message: Object.values(parsed.errors)[0], errors: {} as Record<string, string> }, { status: 400 });
  if (parsed.data.intent === "sign-out-everywhere") return signOutStaffEverywhere(request);
  const answer = await changePasswordFromForm(request, staff, form);
  if (answer.ok) return redirect("/ops/account", { status: 303, headers: { "Set-Cookie": answer.cookie } });
  if (answer.lockedUntil)
    return data(
      { message: throttledMessage({ lockedUntil: answer.lockedUntil, per: "account" }), errors: {} as Record<string, string> },
      { status: 429, headers: retryAfter(answer.lockedUntil) },
    );
  return data({ message: null, errors: answer.errors }, { status: answer.status });
}

export default function OpsAccount() {
  const { staff, sessions, flash } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = failed?.errors ?? {};
  return (
    <div className="ops-page">
      <h1>Your account</h1>
      <FlashNotice flash={flash} />
      {failed?.message ? (
        <p className="notice notice--error" role="alert">
          {failed.message}
        </p>
      ) : null}
      <dl className="ops-facts">
        <dt>Name</dt>
        <dd>{staff.name}</dd>
        <dt>Email</dt>
        <dd>{staff.email}</dd>
        <dt>Roles</dt>
        <dd>{staff.roles.join(", ")}</dd>
      </dl>
      <section aria-labelledby="password-heading" className="ops-panel">
        <h2 id="password-heading">Change your password</h2>
        <Form method="post" className="stack ops-narrow-form" noValidate>
          <Field
            idPrefix="pw"
            name="current"
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.current}
          />
          <Field
            idPrefix="pw"
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_STAFF_PASSWORD_LENGTH}
            hint={`At least ${MIN_STAFF_PASSWORD_LENGTH} characters. You stay signed in here; everywhere else signs out.`}
            error={errors.password}
          />
          <Field
            idPrefix="pw"
            name="confirm"
            label="Type the new password again"
            type="password"
            autoComplete="new-password"
            required
            error={errors.confirm}
          />
          <SubmitButton intent="change-password" busyLabel="Changing…">
            Change password
          </SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you're signed in</h2>
        <p>
          You're signed in {sessions === 1 ? "in 1 place (here)" : `in ${sessions} places, this one included`}. Left signed in on a shared
          computer, or lost a device? Sign out everywhere: every browser, this one too, has to sign in again.
        </p>
        <Form method="post">
          <button type="submit" name="intent" value="sign-out-everywhere" className="button">
            Sign out everywhere
          </button>
        </Form>
      </section>
    </div>
  );
}
