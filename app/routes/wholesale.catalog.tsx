import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { requireBuyer, wholesaleCatalog, workingDraft } from "~/domain/wholesale/index.server";
import { addFromCatalog } from "~/features/wholesale/catalog/add.server";
import { CatalogSearch } from "~/features/wholesale/catalog/CatalogSearch";
import { addedTo, ProductCard, ProductTile } from "~/features/wholesale/catalog/ProductCard";
import { catalogQuerySchema } from "~/features/wholesale/catalog/query";
import { readFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import { Notice } from "~/components/ui/Notice";
import { EmptyList } from "~/features/ops/shared/PastLastPage";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const meta: MetaFunction = () => [{ title: "Catalog · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireBuyer(request);
  const parsed = parseWith(catalogQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const [catalog, draft, { flash, headers }] = await Promise.all([
    wholesaleCatalog(ctx.retailer, parsed.data),
    workingDraft(request, ctx),
    readFlash(request),
  ]);
  return data(
    { query: parsed.data, ...catalog, draft: draft ? { name: draft.name, lines: draft.lines.length } : null, flash },
    { headers },
  );
}

/** Add a quantity of one variant to the working draft. */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireBuyer(request);
  return addFromCatalog(request, ctx, await readForm(request));
}

export default function WholesaleCatalog() {
  const { query, products, total, page, pageCount, draft, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <div className="wholesale-actions" style={{ justifyContent: "space-between" }}>
        <h1>Catalog</h1>
        <p className="wholesale-actions">
          <a href="/wholesale/line-sheet.pdf" className="button button--ghost button--small">
            Line sheet (PDF)
          </a>
          <Link to="/wholesale/quick-order" className="button button--small">
            {draft?.lines ? `Review order (${draft.lines} ${draft.lines === 1 ? "item" : "items"})` : "Quick order"}
          </Link>
        </p>
      </div>
      <p className="muted">
        Your prices, with the suggested retail price (MSRP) beside them. Ship dates for made-to-order pieces come from our artisans' current
        capacity.
      </p>
      {flash && !products.some((p) => addedTo(p, flash)) ? (
        <Notice kind={flash.kind}>
          {flash.message} <Link to="/wholesale/quick-order">Review your order</Link>
        </Notice>
      ) : null}
      <CatalogSearch query={query} />
      <p className="muted" aria-live="polite">
        {total} {total === 1 ? "product" : "products"}
      </p>
      {products.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="products">
          <h2>Nothing matches</h2>
          <p className="muted">Try another name or SKU, or clear the search.</p>
        </EmptyList>
      ) : (
        <ul className={query.view === "grid" ? "wholesale-tiles" : "wholesale-products"}>
          {products.map((p) =>
            query.view === "grid" ? (
              <ProductTile key={p.id} product={p} actionData={actionData} added={addedTo(p, flash)} />
            ) : (
              <ProductCard key={p.id} product={p} actionData={actionData} added={addedTo(p, flash)} />
            ),
          )}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} label="Catalog pages" />
    </div>
  );
}
