import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ui/Field";
import { ConfirmCheck } from "~/features/ops/shared/ConfirmCheck";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { loadStaffMember, requireOpsStaff } from "~/domain/accounts/index.server";
import { STATUS_BADGE, STATUS_LABEL } from "~/features/ops/staff/labels";
import { RoleFields } from "~/features/ops/staff/RoleFields";
import { memberFromForm } from "~/features/ops/staff/staff-forms.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { idOrNull, readForm } from "~/lib/validation";
import type { StaffRole } from "#db/schema";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.member.name ?? "Staff"} · Staff · Soko operations` }];

function memberId(param: string | undefined) {
  const id = idOrNull(param);
  if (id === null) throw new Response("No staff member with that id.", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const me = await requireOpsStaff(request, "ops.staff.$id", "loader");
  const member = await loadStaffMember(memberId(params.id));
  return withFlash(request, { member, isMe: member.id === me.id });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requireOpsStaff(request, "ops.staff.$id", "action");
  const id = memberId(params.id);
  const answer = await memberFromForm(me, id, await readForm(request));
  if (!answer.ok) return data(answer, { status: answer.status });
  return redirectWithFlash(request, `/ops/staff/${id}`, { kind: "success", message: answer.message }, { status: 303 });
}

export default function OpsStaffMember() {
  const { member, isMe, flash } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed && !failed.ok ? failed.errors : {};
  const values = failed && !failed.ok && failed.intent === "save" ? failed.values : {};
  const roles = (failed && !failed.ok && failed.intent === "save" ? failed.roles : member.roles) as StaffRole[];
  const deactivated = member.status === "deactivated";
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/staff">← Staff</Link>
      </p>
      <p className="eyebrow">
        <span className={`badge ${STATUS_BADGE[member.status]}`}>{STATUS_LABEL[member.status]}</span>
      </p>
      <h1>
        {member.name}
        {isMe ? <span className="muted"> (you)</span> : null}
      </h1>
      <FlashNotice flash={flash} />
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <dl className="ops-facts">
        <dt>Email</dt>
        <dd>{member.email}</dd>
        <dt>Signed in</dt>
        <dd>{member.sessions ? `in ${member.sessions} ${member.sessions === 1 ? "place" : "places"}` : "nowhere right now"}</dd>
        <dt>Last sign-in</dt>
        <dd>{member.lastSignInAt ? <OpsTime iso={member.lastSignInAt.toISOString()} /> : "Never"}</dd>
      </dl>

      <section aria-labelledby="edit-heading" className="ops-panel">
        <h2 id="edit-heading">Name and roles</h2>
        <Form method="post" className="stack ops-narrow-form" noValidate>
          <Field name="name" label="Name" idPrefix="staff" defaultValue={values.name ?? member.name} error={errors.name} required />
          <RoleFields idPrefix="staff" checked={roles} error={errors.roles} />
          <p className="muted">New roles apply on their next page; nobody has to sign in again.</p>
          <SubmitButton intent="save" busyLabel="Saving…">
            Save
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="access-heading" className="ops-panel">
        <h2 id="access-heading">Access</h2>
        {deactivated ? (
          <Form method="post">
            <p>{member.name} can't sign in. Reactivating lets them sign in with their password again.</p>
            <SubmitButton intent="reactivate" busyLabel="Reactivating…">
              Reactivate
            </SubmitButton>
          </Form>
        ) : (
          <>
            <Form method="post">
              <p>
                {member.status === "invited"
                  ? "They haven't chosen a password yet. Send a new invitation if the first one is lost or expired."
                  : "Forgot their password? Send a link to choose a new one (it works for 1 hour)."}
              </p>
              <SubmitButton intent="send-link" busyLabel="Sending…" className="button button--secondary">
                {member.status === "invited" ? "Send the invitation again" : "Send a password link"}
              </SubmitButton>
            </Form>
            {isMe ? null : (
              <Form method="post">
                <p>Deactivating signs {member.name} out everywhere at once; their history stays.</p>
                <ConfirmCheck id="deactivate-confirm" error={errors.confirm}>
                  Yes, deactivate {member.name}
                </ConfirmCheck>
                <SubmitButton intent="deactivate" busyLabel="Deactivating…" danger>
                  Deactivate
                </SubmitButton>
              </Form>
            )}
          </>
        )}
      </section>
    </div>
  );
}
