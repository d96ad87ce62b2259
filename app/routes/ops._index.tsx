import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { hasRole, requireStaff } from "~/modules/auth/staff.server";

export const meta: MetaFunction = () => [{ title: "Operations · Soko" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return {
    name: staff.name,
    roles: staff.roles,
    canSeeOutbox: hasRole(staff, ["ops"]),
  };
}

export default function OpsDashboard() {
  const { name, roles, canSeeOutbox } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page">
      <p className="eyebrow">Signed in as {name} · {roles.join(", ")}</p>
      <h1>Operations</h1>
      <p className="muted">The virtual factory at a glance. More panels arrive as each area of the console lands.</p>
      <ul className="ops-cards">
        <li>
          <Link to="/ops/orders" className="ops-card">
            <span className="ops-card__title">Orders</span>
            <span className="ops-card__hint">Web, wholesale and POS orders, their lines and where each one is made.</span>
          </Link>
        </li>
        {canSeeOutbox ? (
          <li>
            <Link to="/ops/outbox" className="ops-card">
              <span className="ops-card__title">Outbox</span>
              <span className="ops-card__hint">Every email and SMS we send, as the recipient sees it.</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
