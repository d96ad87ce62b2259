import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { Pagination } from "~/components/ui/Pagination";
import { requireBuyer } from "~/domain/wholesale/index.server";
import { orderableVariant, wholesaleCatalog } from "~/domain/wholesale/index.server";
import { parseQuantity } from "~/domain/wholesale";
import { addToDraft, workingDraft, workingDraftCookie } from "~/domain/wholesale/index.server";
import { readFlash, redirectWithFlash } from "~/lib/flash.server";
import { addToDraftSchema, CATEGORIES } from "~/domain/wholesale";
import { quantityProblem } from "~/domain/wholesale";
import { parseWith, readForm } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Catalog · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireBuyer(request);
  const parsed = parseWith(querySchema, new URL(request.url).searchParams);
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

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireBuyer(request);
  const parsed = parseWith(addToDraftSchema, await readForm(request));
  if (!parsed.ok)
    return data(
      {
        variantId: Number(parsed.values.variantId) || null,
        error: Object.values(parsed.errors)[0],
        quantity: parsed.values.quantity ?? "",
      },
      { status: 422 },
    );
  const { variantId, quantity: raw } = parsed.data;
  const orderable = await orderableVariant(variantId);
  if (!orderable) throw new Response("That item isn't in the wholesale catalog.", { status: 404 });
  const quantity = parseQuantity(raw);
  const problem =
    quantity === null
      ? raw.trim() === ""
        ? "Enter a quantity."
        : /^\s*-/.test(raw)
          ? "Enter a quantity of at least 1."
          : "Enter a whole number of units."
      : quantityProblem(quantity, orderable);
  if (problem || quantity === null) return data({ variantId, error: problem ?? "Enter a quantity.", quantity: raw }, { status: 422 });
  const draft = await workingDraft(request, ctx);
  const added = await addToDraft(ctx, draft?.id ?? null, [{ variantId, quantity }]);
  if ("error" in added) return data({ variantId, error: added.error, quantity: raw }, { status: 422 });
  const url = new URL(request.url);
  return redirectWithFlash(
    request,
    `${url.pathname}${url.search}`,
    { kind: "success", message: `Added ${quantity} × ${orderable.sku} to your order.` },
    { status: 303, cookies: [await workingDraftCookie(ctx.buyer.id, added.draftId)] },
  );
}

export default function WholesaleCatalog() {
  const { query, products, total, page, pageCount, draft, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const adding = navigation.state === "submitting" ? Number(navigation.formData?.get("variantId")) : null;
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
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message} <Link to="/wholesale/quick-order">Review your order</Link>
        </p>
      ) : null}
      <form method="get" className="wholesale-filters" aria-label="Search the catalog">
        <div className="field">
          <label htmlFor="catalog-q">Search by name or SKU</label>
          <input id="catalog-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor="catalog-category">Category</label>
          <select id="catalog-category" name="category" defaultValue={query.category ?? ""}>
            <option value="">All categories</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c[0].toUpperCase() + c.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--small">
          Search
        </button>
        {query.q || query.category ? <Link to="/wholesale/catalog">Clear</Link> : null}
      </form>
      <p className="muted" aria-live="polite">
        {total} {total === 1 ? "product" : "products"}
      </p>
      {products.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing matches</h2>
          <p className="muted">Try another name or SKU, or clear the search.</p>
        </div>
      ) : (
        <ul className="wholesale-products">
          {products.map((p) => (
            <li key={p.id} className="wholesale-product">
              <div className="wholesale-product__image">
                {p.image ? <Image src={p.image.url} alt={p.image.alt} width={160} height={160} sizes="8rem" /> : null}
              </div>
              <div>
                <h2>{p.title}</h2>
                <p className="muted">
                  {p.category[0].toUpperCase() + p.category.slice(1)}
                  {p.materials.length ? ` · ${p.materials.join(", ")}` : ""}
                </p>
                <table className="wholesale-variants">
                  <caption className="visually-hidden">Variants of {p.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col">Your price</th>
                      <th scope="col">MSRP</th>
                      <th scope="col">Min · case</th>
                      <th scope="col">Availability</th>
                      <th scope="col">Add to order</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.variants.map((v) => {
                      const error = actionData && actionData.variantId === v.id ? actionData.error : null;
                      const inputId = `qty-${v.id}`;
                      return (
                        <tr key={v.id}>
                          <td data-label="Item">
                            {v.title !== "Default" ? (
                              <>
                                {v.title}
                                <br />
                              </>
                            ) : null}
                            <span className="muted">{v.sku}</span>
                          </td>
                          <td data-label="Your price">
                            <strong>
                              <Money value={{ amount: v.price, currency: v.currency }} />
                            </strong>
                            {v.steps.length ? (
                              <ul className="wholesale-steps">
                                {v.steps.map((s) => (
                                  <li key={s.minQty}>
                                    {s.minQty}+: <Money value={{ amount: s.unit, currency: v.currency }} />
                                  </li>
                                ))}
                              </ul>
                            ) : null}
                          </td>
                          <td data-label="MSRP">
                            <Money value={{ amount: v.msrp, currency: v.currency }} />
                          </td>
                          <td data-label="Min · case">
                            Min {v.minQty} · case of {v.casePack}
                          </td>
                          <td data-label="Availability">
                            {v.availability.kind === "in_stock" ? (
                              <span className="stock-now">In stock now</span>
                            ) : (
                              <span className="made-to-order">
                                Made to order
                                {v.availability.shipDate ? (
                                  <>
                                    , ships from <time dateTime={v.availability.shipDate}>{formatDay(v.availability.shipDate)}</time>
                                  </>
                                ) : (
                                  `, about ${v.leadTimeDays} days`
                                )}
                              </span>
                            )}
                          </td>
                          <td data-label="Add to order" className="wholesale-variants__add">
                            <Form method="post" className="wholesale-add" preventScrollReset>
                              <input type="hidden" name="intent" value="add" />
                              <input type="hidden" name="variantId" value={v.id} />
                              <label htmlFor={inputId} className="visually-hidden">
                                Quantity of {v.sku}
                              </label>
                              <input
                                id={inputId}
                                name="quantity"
                                inputMode="numeric"
                                defaultValue={error ? actionData!.quantity : String(v.orderFrom)}
                                aria-invalid={error ? true : undefined}
                                aria-describedby={error ? `${inputId}-error` : undefined}
                              />
                              <button type="submit" className="button button--small" disabled={adding === v.id}>
                                Add
                              </button>
                              {error ? (
                                <p className="field-error" id={`${inputId}-error`} role="alert">
                                  {error}
                                </p>
                              ) : null}
                            </Form>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} label="Catalog pages" />
    </div>
  );
}

function formatDay(iso: string) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const querySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(80, "Search for at most 80 characters.").optional()),
  category: z.preprocess(blank, z.enum(CATEGORIES, { message: "Unknown category." }).optional()),
  page: z.preprocess(blank, z.coerce.number({ message: "Page must be a number." }).int().min(1).max(10_000).default(1)),
});
