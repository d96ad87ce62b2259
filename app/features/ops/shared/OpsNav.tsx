import { NavLink, useLocation } from "@remix-run/react";
import { OPS_SECTIONS, mayOpen } from "~/domain/accounts";
import type { StaffRole } from "#db/schema";

/**
 * Which row a section sits in: 1 always in the bar, 2 in the bar on wide screens (≥ 1200 px) and
 * under "More" below that, 3 always under "More". The page you are on is always in the bar.
 */
const TIER: Record<(typeof OPS_SECTIONS)[number]["to"], 1 | 2 | 3> = {
  "/ops/orders": 1,
  "/ops/hub": 1,
  "/ops/production": 1,
  "/ops/inventory": 2,
  "/ops/products": 2,
  "/ops/artisans": 2,
  "/ops/payouts": 2,
  "/ops/returns": 3,
  "/ops/retailers": 3,
  "/ops/markets": 3,
  "/ops/wholesale/prices": 3,
  "/ops/reviews": 3,
  "/ops/impact": 3,
  "/ops/edi": 3,
  "/ops/outbox": 3,
  "/ops/staff": 3,
  "/ops/gift-cards": 3,
  "/ops/audit": 3,
};

/**
 * The console's navigation in one row at 1280 px (and at 820 px): the daily pages in the bar, the
 * rest under a "More" menu that works without JavaScript (details/summary). Each section the staff
 * member may open is drawn in both places; CSS shows each in exactly one of them per width.
 */
export function OpsNav({ roles }: { roles: readonly StaffRole[] }) {
  const { pathname } = useLocation();
  const sections = OPS_SECTIONS.filter((section) => mayOpen(section.route, roles));
  const inMenu = sections.filter((s) => TIER[s.to] > 1);
  const hereInMenu = inMenu.some((s) => pathname === s.to || pathname.startsWith(`${s.to}/`));
  return (
    <nav aria-label="Operations" className="ops-nav">
      <NavLink to="/ops" end data-tier={1}>
        Dashboard
      </NavLink>
      {sections.map((section) => (
        <NavLink key={section.to} to={section.to} data-tier={TIER[section.to]}>
          {section.label}
        </NavLink>
      ))}
      {inMenu.length ? (
        // Keyed by the page, so the menu is closed again after moving to another page.
        <details key={pathname} className={`ops-more${inMenu.some((s) => TIER[s.to] === 3) ? "" : " ops-more--wide-empty"}`}>
          <summary className={hereInMenu ? "ops-more__summary ops-more__summary--here" : "ops-more__summary"}>More</summary>
          <div className="ops-more__menu">
            {inMenu.map((section) => (
              <NavLink key={section.to} to={section.to} data-tier={TIER[section.to]}>
                {section.label}
              </NavLink>
            ))}
          </div>
        </details>
      ) : null}
    </nav>
  );
}
