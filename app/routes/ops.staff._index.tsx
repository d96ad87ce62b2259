import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listPage } from "~/lib/fields";
import { STAFF_ROLES, type StaffRole } from "#db/schema";
import { Field } from "~/components/ui/Field";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { listStaff, requireOpsStaff } from "~/domain/accounts/index.server";
import { STAFF_STATUSES, STATUS_BADGE, STATUS_LABEL } from "~/features/ops/staff/labels";
import { RoleFields } from "~/features/ops/staff/RoleFields";
import { inviteFromForm } from "~/features/ops/staff/staff-forms.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";
import { FilterSelect } from "~/components/ui/FilterSelect";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Staff · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireOpsStaff(request, "ops.staff._index", "loader");
  const parsed = parseWith(filterSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const list = await listStaff(parsed.data);
  return withFlash(request, { filter: parsed.data, ...list, pageCount: Math.ceil(list.total / list.pageSize), meId: me.id });
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireOpsStaff(request, "ops.staff._index", "action");
  const answer = await inviteFromForm(me, await readForm(request));
  if (!answer.ok) return data(answer, { status: answer.status });
  return redirectWithFlash(request, `/ops/staff/${answer.id}`, { kind: "success", message: answer.message }, { status: 303 });
}

export default function OpsStaff() {
  const { filter, rows, total, pageCount, flash, meId } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed && !failed.ok ? failed.errors : {};
  const values = failed && !failed.ok ? failed.values : {};
  const filtered = Boolean(filter.q || filter.status);
  return (
    <div className="ops-page">
      <h1>Staff</h1>
      <p className="muted">Who can use the console and the register, and what each may do.</p>
      <FlashNotice flash={flash} />
      <details className="ops-panel" open={Boolean(failed && !failed.ok)}>
        <summary className="button button--small">Invite a colleague</summary>
        <Form method="post" className="stack ops-narrow-form" aria-label="Invite a colleague" noValidate>
          {errors.form ? (
            <p className="notice notice--error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <Field name="name" label="Name" idPrefix="invite" autoComplete="off" defaultValue={values.name} error={errors.name} required />
          <Field
            name="email"
            label="Email"
            idPrefix="invite"
            type="email"
            autoComplete="off"
            defaultValue={values.email}
            error={errors.email}
            hint="They get a link to choose their own password; it works for 7 days."
            required
          />
          <RoleFields idPrefix="invite" checked={checkedRoles(failed && !failed.ok ? failed.roles : undefined)} error={errors.roles} />
          <SubmitButton intent="invite" busyLabel="Inviting…">
            Send the invitation
          </SubmitButton>
        </Form>
      </details>
      <form method="get" className="ops-filters" aria-label="Filter staff">
        <div className="field">
          <label htmlFor="staff-q">Name or email</label>
          <input id="staff-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={120} />
        </div>
        <FilterSelect
          id="staff-status"
          label="Status"
          name="status"
          value={filter.status}
          all="All"
          options={STAFF_STATUSES.map((s) => [s, STATUS_LABEL[s]])}
        />
        <button type="submit" className="button button--small">
          Filter
        </button>
        {filtered ? (
          <Link to="/ops/staff" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>
      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="staff">
          <h2>{filtered ? "Nobody matches these filters" : "No staff yet"}</h2>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "person" : "people"}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Staff">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Signed in
                  </th>
                  <th scope="col">Last sign-in</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/ops/staff/${r.id}`}>{r.name}</Link>
                      {r.id === meId ? <span className="muted"> (you)</span> : null}
                    </td>
                    <td>{r.email}</td>
                    <td>{r.roles.join(", ")}</td>
                    <td>
                      <span className={`badge ${STATUS_BADGE[r.status]}`}>{STATUS_LABEL[r.status]}</span>
                    </td>
                    <td className="num">{r.sessions ? `${r.sessions} ${r.sessions === 1 ? "place" : "places"}` : "—"}</td>
                    <td>{r.lastSignInAt ? <OpsTime iso={r.lastSignInAt.toISOString()} /> : <span className="muted">Never</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={filter.page} pageCount={pageCount} label="Staff pages" />
    </div>
  );
}

/** The boxes ticked before the form came back with an error. */
function checkedRoles(roles: string[] | undefined): StaffRole[] {
  return (roles ?? []).filter((role): role is StaffRole => (STAFF_ROLES as readonly string[]).includes(role));
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const filterSchema = z.object({
  status: z.preprocess(blank, z.enum(STAFF_STATUSES, { message: "Unknown status filter." }).optional()),
  q: z.preprocess(blank, z.string().trim().max(120, "Search for at most 120 characters.").optional()),
  page: listPage({ max: 10_000 }),
});
