import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { OpsPageError } from "~/features/ops/shared/PageError";
import { getStaff, requireOpsStaff, type Staff } from "~/domain/accounts/index.server";
import { OpsNav } from "~/features/ops/shared/OpsNav";
import styles from "~/styles/ops.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Operations · Soko" }, { name: "robots", content: "noindex, nofollow" }];

// Staff pages are one person's view: never cached by a browser or a proxy.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  // The login and logout pages sit under this layout, so they are the only ones open to everyone.
  // Each child route still checks the staff member and their role itself (loaders run in parallel).
  const { pathname } = new URL(request.url);
  const staff = PUBLIC_PATHS.test(pathname) ? await getStaff(request) : await requireOpsStaff(request, "ops", "loader");
  return { staff: staff ? { name: staff.name, email: staff.email, roles: staff.roles } : null };
}

export default function OpsLayout() {
  const { staff } = useLoaderData<typeof loader>();
  return (
    <OpsShell staff={staff}>
      <Outlet />
    </OpsShell>
  );
}

/**
 * Errors inside /ops keep the console's own header, so staff can navigate away or sign out. Its data
 * may be missing here (a refused action skips the boundary's loader), so each page exports OpsPageError.
 */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/ops");
  return (
    <OpsShell staff={data?.staff ?? null}>
      <OpsPageError />
    </OpsShell>
  );
}

type ShellStaff = Pick<Staff, "name" | "email" | "roles"> | null;

function OpsShell({ staff, children }: { staff: ShellStaff; children: React.ReactNode }) {
  return (
    <div className="ops">
      <header className="ops-header">
        <div className="ops-header__inner">
          <Link to="/ops" className="ops-wordmark" aria-label="Soko operations, home">
            SOKO <span>Operations</span>
          </Link>
          {staff ? (
            <>
              <OpsNav roles={staff.roles} />
              <div className="ops-header__who">
                <Link to="/ops/account" className="ops-header__name" title={`${staff.email}: your account`}>
                  {staff.name.split(" ")[0]}
                </Link>
                <Form method="post" action="/ops/logout">
                  <button type="submit" className="ops-signout">
                    Sign out
                  </button>
                </Form>
              </div>
            </>
          ) : null}
        </div>
      </header>
      {children}
    </div>
  );
}

const PUBLIC_PATHS = /^\/ops\/(login|logout|password)\/?$/;
