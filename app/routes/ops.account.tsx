import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireOpsStaff, signOutStaffEverywhere } from "~/domain/accounts/index.server";
import { countSessions } from "~/lib/session.server";
import { parseWith, readForm } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Your account · Soko operations" }];

/** Every staff member's own page (any role): who they are signed in as, and "sign out everywhere". */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.account", "loader");
  const sessions = await countSessions({ kind: "staff", id: staff.id });
  return { staff: { name: staff.name, email: staff.email, roles: staff.roles }, sessions };
}

const actionSchema = z.object({ intent: z.literal("sign-out-everywhere", { errorMap: () => ({ message: "Unknown action." }) }) });

export async function action({ request }: ActionFunctionArgs) {
  await requireOpsStaff(request, "ops.account", "action");
  const parsed = parseWith(actionSchema, await readForm(request));
  if (!parsed.ok) return data({ message: Object.values(parsed.errors)[0] }, { status: 400 });
  return signOutStaffEverywhere(request);
}

export default function OpsAccount() {
  const { staff, sessions } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page">
      <h1>Your account</h1>
      <dl>
        <dt>Name</dt>
        <dd>{staff.name}</dd>
        <dt>Email</dt>
        <dd>{staff.email}</dd>
        <dt>Roles</dt>
        <dd>{staff.roles.join(", ")}</dd>
      </dl>
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
