import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { getStaff, hasRole } from "~/domain/accounts/index.server";
import { POS_ROLES } from "~/domain/pos/index.server";
import styles from "~/styles/pos.css";
import { errorWords } from "~/lib/error-words";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "manifest", href: "/pos/manifest.webmanifest" },
];

export const meta: MetaFunction = () => [{ title: "Register · Soko San Francisco" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Each page checks who is asking; the shell only needs a name to show.
  const staff = await getStaff(request);
  return { staff: staff && hasRole(staff, POS_ROLES) ? { name: staff.name, manager: hasRole(staff, ["manager"]) } : null };
}

export default function PosLayout() {
  const { staff } = useLoaderData<typeof loader>();
  return (
    <div className="pos">
      <header className="pos-bar">
        <Link to="/pos" className="pos-bar__brand">
          SOKO <span>San Francisco · Register SF-1</span>
        </Link>
        {staff ? (
          <nav aria-label="Register" className="pos-bar__nav">
            <NavLink to="/pos/register">Register</NavLink>
            <NavLink to="/pos/shift">Shift</NavLink>
            <span className="pos-bar__who">
              {staff.name}
              {staff.manager ? " · manager" : ""}
            </span>
            <Form method="post" action="/pos?index">
              <button type="submit" name="intent" value="sign-out" className="link-button">
                Sign out
              </button>
            </Form>
          </nav>
        ) : null}
      </header>
      <Outlet />
      {/* The offline queue (IndexedDB + sync): plain JS, loaded once for every POS page. */}
      <script src="/pos/offline-queue.js" defer />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const {
    status,
    title,
    detail: message,
  } = errorWords(error, {
    titles: { 403: "Not for this account", other: "The register hit a problem" },
    notFound: "Something went wrong. Try again in a moment.",
    fallback: "Something went wrong. Try again in a moment.",
  });
  return (
    <div className="pos">
      <section className="pos-page pos-error" role="alert">
        <p className="eyebrow">Error {status}</p>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <Link className="button" to="/pos/register">
            Back to the register
          </Link>{" "}
          <Link to="/pos">Sign in</Link>
        </p>
      </section>
    </div>
  );
}
