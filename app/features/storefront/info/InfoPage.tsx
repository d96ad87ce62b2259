import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

/** The help and policy pages, in the order the footer and each page's side list them. */
export const INFO_PAGES = [
  { to: "/policies/shipping", label: "Shipping" },
  { to: "/policies/returns", label: "Returns" },
  { to: "/size-guide", label: "Size guide" },
  { to: "/contact", label: "Contact us" },
  { to: "/policies/privacy", label: "Privacy" },
  { to: "/policies/terms", label: "Terms of sale" },
] as const;

/** When the policies were last changed (shown on each, so a shopper can tell what they agreed to). */
export const POLICIES_UPDATED = "1 November 2026";

/** A help or policy page: its title, an optional lead, the text, and the other pages beside it. */
export function InfoPage({ title, lead, updated, children }: { title: string; lead?: ReactNode; updated?: boolean; children: ReactNode }) {
  return (
    <div className="page info-page">
      <nav aria-label="Help and policies" className="info-nav">
        <ul>
          {INFO_PAGES.map((page) => (
            <li key={page.to}>
              <NavLink to={page.to}>{page.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <article className="info-body">
        <h1>{title}</h1>
        {lead ? <p className="info-lead">{lead}</p> : null}
        {updated ? <p className="muted">Last updated {POLICIES_UPDATED}.</p> : null}
        {children}
        <p className="info-help">
          Questions? <Link to="/contact">Contact us</Link>: a person answers within one business day.
        </p>
      </article>
    </div>
  );
}
