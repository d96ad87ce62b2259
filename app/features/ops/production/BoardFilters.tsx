import { Link } from "@remix-run/react";
import { BOARD_CHANNELS, CHANNEL_LABEL } from "~/domain/production";
import type { ProductionBoardView } from "./board.server";
import { FilterSelect } from "~/components/ui/FilterSelect";

/** Filter the board by product, county, channel and lateness (a GET form: the filters live in the address). */
export function BoardFilters({ query, counties, filtered }: Pick<ProductionBoardView, "query" | "counties"> & { filtered: boolean }) {
  return (
    <form method="get" className="ops-filters" aria-label="Filter production requests">
      {query.state ? <input type="hidden" name="state" value={query.state} /> : null}
      <div className="field">
        <label htmlFor="board-product">Product, SKU or request</label>
        <input id="board-product" name="product" type="search" defaultValue={query.product ?? ""} maxLength={120} />
      </div>
      <FilterSelect
        id="board-county"
        label="Artisan's county"
        name="county"
        value={query.county}
        all="All counties"
        options={counties.map((c) => [c, c])}
      />
      <FilterSelect
        id="board-channel"
        label="Order channel"
        name="channel"
        value={query.channel}
        all="All channels"
        options={BOARD_CHANNELS.map((c) => [c, CHANNEL_LABEL[c]])}
      />
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
