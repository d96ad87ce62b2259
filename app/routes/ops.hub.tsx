import type { LinksFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import styles from "~/styles/hub.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The Nairobi hub's pages share a sub-navigation; each page checks the hub role itself. */
export default function HubLayout() {
  return (
    <div className="hub">
      <nav className="hub-nav" aria-label="Hub">
        <NavLink to="/ops/hub" end>
          Today
        </NavLink>
        <NavLink to="/ops/hub/receive">Receive</NavLink>
        <NavLink to="/ops/hub/packing">Pack &amp; ship</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
