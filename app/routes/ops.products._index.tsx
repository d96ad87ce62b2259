import { ScrollRegion } from "~/components/ui/ScrollRegion";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { type BulkScope, CATEGORY_OPTIONS, STATUS_OPTIONS, listQuerySchema } from "~/domain/catalog";
import { listCollections, listProducts, listSkills } from "~/domain/catalog/index.server";
import { BULK_FORM_ID, BulkBar, BulkScopeNotice } from "~/features/ops/products/BulkBar";
import { BulkUndo } from "~/features/ops/products/BulkUndo";
import { undoable } from "~/features/ops/products/bulk.server";
import { withFlash } from "~/lib/flash.server";
import { parseWith } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { FlashNotice } from "~/components/ui/Notice";
import { FilterSelect } from "~/components/ui/FilterSelect";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Products · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.products._index", "loader");
  const parsed = parseWith(listQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const filter = parsed.data;
  const [list, collections, skills, lastBulkEdit] = await Promise.all([
    listProducts({ ...filter, perPage: PER_PAGE }),
    listCollections(),
    listSkills(),
    undoable(),
  ]);
  return withFlash(request, { filter, ...list, collections, skills, lastBulkEdit });
}

export default function OpsProducts() {
  const { filter, rows, total, page, pageCount, collections, skills, lastBulkEdit, flash } = useLoaderData<typeof loader>();
  const filtered = Boolean(filter.q || filter.status || filter.category);
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const [scope, setScope] = useState<BulkScope>("ticked");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const pageKey = rows.map((r) => r.id).join(",");
  // A new page or filter starts with nothing ticked (what was ticked is not on it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the rows shown change
  useEffect(() => {
    setTicked(new Set());
    setScope("ticked");
  }, [pageKey]);
  const allTicked = rows.length > 0 && rows.every((r) => ticked.has(r.id));
  const tick = (id: number, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className="ops-page ops-admin">
      <div className="ops-admin__head">
        <h1>Products</h1>
        <Link to="/ops/products/new" className="button">
          New product
        </Link>
      </div>
      <p className="muted">Everything in the catalog, newest first. Published products are on sale in the shop and to retailers.</p>
      <FlashNotice flash={flash} />
      {lastBulkEdit ? <BulkUndo edit={lastBulkEdit} filter={filter} /> : null}
      <form method="get" className="ops-filters" aria-label="Filter products">
        <div className="field">
          <label htmlFor="products-q">Title, handle or SKU</label>
          <input id="products-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={120} />
        </div>
        <FilterSelect
          id="products-status"
          label="Status"
          name="status"
          value={filter.status}
          all="All statuses"
          options={STATUS_OPTIONS.map((s) => [s, STATUS_LABEL[s]])}
        />
        <FilterSelect
          id="products-category"
          label="Category"
          name="category"
          value={filter.category}
          all="All categories"
          options={CATEGORY_OPTIONS.map((c) => [c, capitalize(c)])}
        />
        <button type="submit" className="button button--small">
          Search
        </button>
        {filtered ? (
          <Link to="/ops/products" className="ops-filters__clear">
            Clear filters
          </Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="products">
          <h2>{filtered ? "No products match these filters" : "No products yet"}</h2>
          <p className="muted">{filtered ? "Try another search or clear the filters." : "Create the first one with “New product”."}</p>
        </EmptyList>
      ) : (
        <>
          <BulkBar
            filter={filter}
            page={page}
            onPage={rows.length}
            total={total}
            filtered={filtered}
            scope={scope}
            onScope={setScope}
            tickedCount={hydrated ? ticked.size : null}
            collections={collections}
            skills={skills}
          />
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "product" : "products"}
          </p>
          {hydrated ? (
            <BulkScopeNotice
              allTicked={allTicked}
              onPage={rows.length}
              total={total}
              filtered={filtered}
              scope={scope}
              onScope={setScope}
            />
          ) : null}
          <ScrollRegion className="ops-table-wrap" label="Products">
            <table className="table ops-products-table">
              <thead>
                <tr>
                  <th scope="col" className="ops-admin__tick">
                    {hydrated ? (
                      <input
                        type="checkbox"
                        aria-label="Select all on this page"
                        checked={allTicked}
                        onChange={(e) => setTicked(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                      />
                    ) : (
                      <span className="visually-hidden">Select</span>
                    )}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Image</span>
                  </th>
                  <th scope="col">Product</th>
                  <th scope="col">Category</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="ops-num">
                    Variants
                  </th>
                  <th scope="col" className="ops-num">
                    Price
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <td className="ops-admin__tick">
                      <input
                        type="checkbox"
                        form={BULK_FORM_ID}
                        name="ids"
                        value={p.id}
                        aria-label={`Select ${p.title}`}
                        checked={ticked.has(p.id)}
                        onChange={(e) => tick(p.id, e.target.checked)}
                      />
                    </td>
                    <td className="ops-admin__thumb">
                      {p.image ? (
                        <Image src={p.image.url} alt="" width={48} height={48} sizes="48px" />
                      ) : (
                        <span className="ops-admin__no-image" title="No image yet" />
                      )}
                    </td>
                    <td>
                      <Link to={`/ops/products/${p.id}`}>{p.title}</Link>
                      <div className="muted ops-admin__sub">{p.handle}</div>
                    </td>
                    <td>{capitalize(p.category)}</td>
                    <td>
                      <span className={`badge ${p.status === "active" ? "badge--ok" : p.status === "archived" ? "badge--bad" : ""}`}>
                        {STATUS_LABEL[p.status]}
                      </span>
                    </td>
                    <td className="ops-num">{p.variantCount}</td>
                    <td className="ops-num ops-admin__price">
                      <PriceRange from={p.fromPrice} to={p.toPrice} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Product pages" />
    </div>
  );
}

/** One price, or the cheapest to the dearest variant ("$48.00–$62.00"); a dash before any variant. */
function PriceRange({ from, to }: { from: number | null; to: number | null }) {
  if (from === null) return <span className="muted">—</span>;
  if (to === null || to === from) return <Money value={{ amount: from, currency: "USD" }} />;
  return (
    <>
      <Money value={{ amount: from, currency: "USD" }} />
      {"–"}
      <Money value={{ amount: to, currency: "USD" }} />
    </>
  );
}

const PER_PAGE = 25;
const STATUS_LABEL: Record<(typeof STATUS_OPTIONS)[number], string> = { active: "Published", draft: "Draft", archived: "Archived" };

function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
