import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { mayAct } from "~/domain/accounts";
import { LOW_STOCK_AT, levelsQuerySchema } from "~/domain/inventory";
import { csvHref } from "~/features/ops/shared/csv-href";
import { listLevels, listLocations, type LevelFilter } from "~/domain/inventory/index.server";
import styles from "~/styles/ops-dashboard.css";
import { parseWith } from "~/lib/validation";
import type { z } from "zod";
import { FilterSelect } from "~/components/ui/FilterSelect";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Inventory · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.inventory._index", "loader");
  const parsed = parseWith(levelsQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const query = parsed.data;
  const filter = { q: query.q, locationId: query.location, low: query.low === "1" };
  // The export is /ops/inventory.csv; an older ?format=csv link lands there with its filters.
  if (query.format === "csv") throw redirect(csvHref("/ops/inventory.csv", new URL(request.url).searchParams));
  return pageData(query, filter, mayAct("ops.inventory.$sku", staff.roles));
}

/** The page's data (the loader's non-CSV answer), typed on its own so the component sees it. */
async function pageData(query: z.infer<typeof levelsQuerySchema>, filter: LevelFilter, canEdit: boolean) {
  const [levels, locations] = await Promise.all([listLevels({ ...filter, page: query.page }), listLocations()]);
  return { query, levels, locations, canEdit };
}

export default function OpsInventory() {
  const { query, levels, locations, canEdit } = useLoaderData<typeof pageData>();
  const filtered = Boolean(query.q || query.location || query.low);
  const csvParams = new URLSearchParams();
  if (query.q) csvParams.set("q", query.q);
  if (query.location) csvParams.set("location", String(query.location));
  if (query.low) csvParams.set("low", "1");
  return (
    <div className="ops-page">
      <h1>Inventory</h1>
      <p className="muted">
        Stock at every location: on hand, reserved for orders, and free to sell.{" "}
        {canEdit ? "Open a SKU to move stock or record a count." : "You can look; operations make the changes."}
      </p>
      <form method="get" className="ops-filters" aria-label="Filter stock levels">
        <div className="field">
          <label htmlFor="inv-q">SKU, barcode or product</label>
          <input id="inv-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} placeholder="EAR-0001 or Horn Stud" />
        </div>
        <FilterSelect
          id="inv-location"
          label="Location"
          name="location"
          value={query.location ? String(query.location) : ""}
          all="All locations"
          options={locations.map((l) => [
            l.id,
            <>
              {l.name} ({l.code})
            </>,
          ])}
        />
        <div className="field">
          <label htmlFor="inv-low">
            <input id="inv-low" name="low" type="checkbox" value="1" defaultChecked={query.low === "1"} /> Low stock only ({LOW_STOCK_AT} or
            fewer free)
          </label>
        </div>
        <button type="submit" className="button button--small">
          Search
        </button>
        {filtered ? (
          <Link to="/ops/inventory" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>
      <p>
        <a href={`/ops/inventory.csv${csvParams.size ? `?${csvParams}` : ""}`} download>
          Download these levels as CSV
        </a>
      </p>
      {levels.rows.length === 0 ? (
        <EmptyList total={levels.total} pageCount={levels.pageCount} rows="levels">
          <h2>{filtered ? "No stock matches these filters" : "No stock yet"}</h2>
          <p className="muted">
            {filtered ? "Try another SKU or product, or clear the filters." : "Levels appear here once stock is counted at a location."}
          </p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {levels.total.toLocaleString("en-US")} {levels.total === 1 ? "level" : "levels"}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Stock levels">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Product</th>
                  <th scope="col">Location</th>
                  <th scope="col" className="ops-num">
                    On hand
                  </th>
                  <th scope="col" className="ops-num">
                    Reserved
                  </th>
                  <th scope="col" className="ops-num">
                    Free
                  </th>
                </tr>
              </thead>
              <tbody>
                {levels.rows.map((row) => (
                  <tr key={`${row.variantId}-${row.locationId}`}>
                    <td>
                      <Link to={`/ops/inventory/${encodeURIComponent(row.sku)}`}>{row.sku}</Link>
                    </td>
                    <td>
                      {row.productTitle}
                      {row.variantTitle && row.variantTitle !== "Default" ? <span className="muted"> · {row.variantTitle}</span> : null}
                    </td>
                    <td>{row.locationName}</td>
                    <td className="ops-num">{row.onHand}</td>
                    <td className="ops-num">{row.reserved}</td>
                    <td className="ops-num">
                      {row.low ? (
                        <span className="inv-low">
                          {row.available} <span className="visually-hidden">(low)</span>
                        </span>
                      ) : (
                        row.available
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={levels.page} pageCount={levels.pageCount} label="Stock level pages" />
    </div>
  );
}
