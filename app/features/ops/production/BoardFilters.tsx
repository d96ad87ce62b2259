import { Link } from "@remix-run/react";
import { BOARD_CHANNELS, CHANNEL_LABEL } from "~/domain/production";
import type { ProductionBoardView } from "./board.server";

/** Filter the board by product, county, channel and lateness (a GET form: the filters live in the address). */
export function BoardFilters({ query, counties, filtered }: Pick<ProductionBoardView, "query" | "counties"> & { filtered: boolean }) {
  return (
    <form method="get" className="ops-filters" aria-label="Filter production requests">
      {query.state ? <input type="hidden" name="state" value={query.state} /> : null}
      <div className="field">
        <label htmlFor="board-product">Product, SKU or request</label>
        <input id="board-product" name="product" type="search" defaultValue={query.product ?? ""} maxLength={120} />
      </div>
      <div className="field">
        <label htmlFor="board-county">Artisan's county</label>
        <select id="board-county" name="county" defaultValue={query.county ?? ""}>
          <option value="">All counties</option>
          {counties.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="board-channel">Order channel</label>
        <select id="board-channel" name="channel" defaultValue={query.channel ?? ""}>
          <option value="">All channels</option>
          {BOARD_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABEL[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="field ops-admin__checks">
        <label>
          <input type="checkbox" name="late" value="1" defaultChecked={query.late} /> Late only
        </label>
      </div>
      <button type="submit" className="button button--small">
        Filter
      </button>
      {filtered ? (
        <Link to={query.state ? `/ops/production?state=${query.state}` : "/ops/production"} className="ops-filters__clear">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
