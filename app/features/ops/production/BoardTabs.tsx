import { Link, useLocation } from "@remix-run/react";
import type { ProductionBoardView } from "./board.server";

/** One tab per request state, with its count; a tab keeps the filters and goes back to page 1. */
export function BoardTabs({ tabs, state }: Pick<ProductionBoardView, "tabs"> & { state: string }) {
  const { search } = useLocation();
  const tabHref = (key: string) => {
    const params = new URLSearchParams(search);
    params.delete("page");
    params.set("state", key);
    return `/ops/production?${params}`;
  };
  return (
    <nav className="board-tabs" aria-label="Request states">
      {tabs.map((t) => (
        <Link key={t.key} to={tabHref(t.key)} aria-current={t.key === state ? "page" : undefined}>
          {t.label} <span className="board-count">{t.count}</span>
        </Link>
      ))}
    </nav>
  );
}
