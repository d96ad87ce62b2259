import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import {
  addLine,
  cartIdFrom,
  commitCartId,
  describeNotice,
  getCart,
  removeLine,
  updateLine,
  type CartLineView,
  type Refusal,
} from "~/domain/cart/index.server";
import { cartActionSchema, cartNoticeSchema, LINE_NOT_FOUND, noticeSearch, type CartNotice } from "~/domain/cart";
import { MAX_QUANTITY } from "~/domain/cart";
import styles from "~/styles/cart.css";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Your bag · Soko" }, { name: "robots", content: "noindex" }];

// The bag is one shopper's: never cached by a browser or a CDN.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const cart = await getCart(request);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const notice = cartNoticeSchema.safeParse(search);
  return { cart, notice: notice.success ? await describeNotice(notice.data, cart) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseWith(cartActionSchema, form);
  if (!parsed.ok) {
    const lineId = Number(parsed.values.lineId) || null;
    return data({ errors: parsed.errors, values: parsed.values, lineId }, { status: 400 });
  }
  const input = parsed.data;
  const cartId = await cartIdFrom(request);

  if (input.intent === "add" || input.intent === "undo") {
    const result = await addLine(cartId, input.variantId, input.quantity, { mode: input.intent === "undo" ? "restore" : "add" });
    if (!result.ok) return refused(result, echo(form), null);
    const headers = result.cartCreated ? { "Set-Cookie": await commitCartId(result.cartId) } : undefined;
    return toCart({ notice: input.intent === "add" ? "added" : "restored", variant: input.variantId }, headers);
  }

  if (!cartId) return refused({ ok: false, status: 404, message: LINE_NOT_FOUND }, echo(form), input.lineId);
  const result =
    input.intent === "update" && input.quantity > 0
      ? await updateLine(cartId, input.lineId, input.quantity)
      : await removeLine(cartId, input.lineId);
  if (!result.ok) return refused(result, echo(form), input.lineId);
  return toCart(
    input.intent === "update" && input.quantity > 0
      ? { notice: "updated", variant: result.variantId }
      : { notice: "removed", variant: result.variantId, quantity: result.quantity },
  );
}

export default function CartPage() {
  const { cart, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lines = cart?.lines ?? [];
  // A document POST (JS off) that failed: its message goes beside the line, or on top if it has no line.
  const actionLine = actionData?.lineId && lines.some((l) => l.id === actionData.lineId) ? actionData.lineId : null;
  const topError = actionData && !actionLine ? firstError(actionData.errors) : null;

  return (
    <div className="page cart-page">
      <h1>Your bag</h1>
      {topError ? (
        <p className="notice notice--error" role="alert">
          {topError}
        </p>
      ) : null}
      {notice && !actionData ? (
        <div className="notice notice--success cart-notice" role="status">
          <span>{notice.message}</span>
          {notice.undo ? (
            <Form method="post" action="/cart" className="cart-notice__undo">
              <input type="hidden" name="intent" value="undo" />
              <input type="hidden" name="variantId" value={notice.undo.variantId} />
              <input type="hidden" name="quantity" value={notice.undo.quantity} />
              <button type="submit" className="link-button">
                Undo
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}

      {lines.length === 0 ? (
        <EmptyBag />
      ) : (
        <div className="cart-layout">
          <section aria-labelledby="cart-lines-heading">
            <h2 id="cart-lines-heading" className="visually-hidden">
              Pieces in your bag
            </h2>
            <ul className="cart-lines">
              {lines.map((line) => (
                <CartLine
                  key={line.id}
                  line={line}
                  documentError={actionLine === line.id && actionData ? { errors: actionData.errors, values: actionData.values } : null}
                />
              ))}
            </ul>
          </section>
          <aside className="cart-summary" aria-labelledby="cart-summary-heading">
            <h2 id="cart-summary-heading">Summary</h2>
            <dl className="cart-summary__rows">
              <div>
                <dt>
                  Subtotal ({cart!.itemCount} {cart!.itemCount === 1 ? "piece" : "pieces"})
                </dt>
                <dd data-testid="cart-subtotal">
                  <Money value={cart!.subtotal} />
                </dd>
              </div>
            </dl>
            <p className="muted cart-summary__note">Shipping and taxes are calculated at checkout.</p>
            {cart!.unavailableLines > 0 ? (
              <p className="cart-summary__note cart-summary__warn">
                Pieces that are no longer available aren't included in your subtotal and won't be ordered.
              </p>
            ) : null}
            {cart!.itemCount > 0 ? (
              <Link to="/checkout" className="button cart-summary__checkout">
                Check out
              </Link>
            ) : (
              <p className="muted">Add an available piece to check out.</p>
            )}
            <p className="cart-summary__continue">
              <Link to="/collections/earrings">Continue shopping</Link>
            </p>
          </aside>
        </div>
      )}
    </div>
  );
}

type LineErrors = { errors: FieldErrors; values: Record<string, string> };

function CartLine({ line, documentError }: { line: CartLineView; documentError: LineErrors | null }) {
  const update = useFetcher<typeof action>();
  const remove = useFetcher<typeof action>();
  const updateRefusal = useFreshData(update);
  const removeRefusal = useFreshData(remove);
  const failed: LineErrors | null = updateRefusal ?? removeRefusal ?? documentError;
  const error = failed ? firstError(failed.errors) : null;
  const errorId = `line-${line.id}-error`;
  const busy = update.state !== "idle" || remove.state !== "idle";
  const options = Object.entries(line.options);
  const productUrl = `/products/${line.product.handle}`;

  return (
    <li
      className={`cart-line${line.purchasable ? "" : " cart-line--unavailable"}${busy ? " is-pending" : ""}`}
      aria-busy={busy || undefined}
      data-testid="cart-line"
    >
      <Link to={productUrl} className="cart-line__image" tabIndex={-1} aria-hidden="true">
        {line.image ? (
          <Image src={line.image.url} alt={line.image.alt} width={line.image.width} height={line.image.height} sizes="96px" />
        ) : (
          <span className="cart-line__no-image" />
        )}
      </Link>
      <div className="cart-line__details">
        <h3 className="cart-line__title">
          <Link to={productUrl}>{line.product.title}</Link>
        </h3>
        {options.length > 0 ? (
          <p className="cart-line__options">{options.map(([name, value]) => `${capitalize(name)}: ${value}`).join(" · ")}</p>
        ) : line.variantTitle && line.variantTitle !== "Default" ? (
          <p className="cart-line__options">{line.variantTitle}</p>
        ) : null}
        <p className="cart-line__price">
          <Money value={line.unitPrice} /> <span className="muted">each</span>
        </p>
        {line.purchasable ? (
          line.availability.kind === "in_stock" ? (
            <p className="cart-line__availability">
              <span className="badge badge--ok">In stock</span> Ships in {days(line.availability.shipDays)}
            </p>
          ) : (
            <p className="cart-line__availability">
              <span className="badge badge--warn">Made to order</span> Handmade for you; ships in about {days(line.availability.shipDays)}
            </p>
          )
        ) : (
          <p className="cart-line__availability cart-line__flag" role="note">
            <span className="badge badge--bad">No longer available</span> Not included in your subtotal. Please remove it.
          </p>
        )}
      </div>
      <div className="cart-line__controls">
        <update.Form method="post" action="/cart" className="cart-line__update" noValidate preventScrollReset>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="lineId" value={line.id} />
          <label htmlFor={`quantity-${line.id}`} className="cart-line__label">
            Quantity
          </label>
          <input
            key={`${line.id}-${line.quantity}-${failed ? "failed" : "ok"}`}
            id={`quantity-${line.id}`}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_QUANTITY}
            step={1}
            defaultValue={failed?.values.quantity ?? line.quantity}
            className="input cart-line__quantity"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          <button type="submit" className="button button--ghost button--small" disabled={busy}>
            {update.state !== "idle" ? "Updating…" : "Update"}
          </button>
        </update.Form>
        <remove.Form method="post" action="/cart" className="cart-line__remove" preventScrollReset>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="lineId" value={line.id} />
          <button type="submit" className="link-button" disabled={busy} aria-label={`Remove ${line.product.title}`}>
            {remove.state !== "idle" ? "Removing…" : "Remove"}
          </button>
        </remove.Form>
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <p className="cart-line__total">
        <span className="visually-hidden">Line total </span>
        {line.purchasable ? (
          <Money value={line.lineTotal} />
        ) : (
          <s>
            <Money value={line.lineTotal} />
          </s>
        )}
      </p>
    </li>
  );
}

/**
 * A fetcher's last refusal, until its next submission. Remix keeps `fetcher.data` from an earlier
 * 400 after a later submission redirects, so a corrected quantity would still show the old message.
 */
function useFreshData<T>(fetcher: { state: string; data?: T }): T | null {
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    if (fetcher.state === "submitting") setShown(null);
  }, [fetcher.state]);
  useEffect(() => {
    setShown(fetcher.data ?? null);
  }, [fetcher.data]);
  return fetcher.state === "idle" ? shown : null;
}

function EmptyBag() {
  return (
    <div className="empty-state cart-empty">
      <h2>Your bag is empty</h2>
      <p>Every piece is handmade in Kenya by an artisan paid for their work. Find one you love:</p>
      <ul className="cart-empty__links">
        <li>
          <Link to="/collections/earrings">Earrings</Link>
        </li>
        <li>
          <Link to="/collections/necklaces">Necklaces</Link>
        </li>
        <li>
          <Link to="/collections/bracelets">Bracelets</Link>
        </li>
        <li>
          <Link to="/collections/rings">Rings</Link>
        </li>
      </ul>
      <p>
        <Link to="/makers">Meet the makers</Link>
      </p>
    </div>
  );
}

function toCart(notice: CartNotice, headers?: HeadersInit) {
  return redirect(`/cart${noticeSearch(notice)}`, { status: 303, headers });
}

function refused(refusal: Refusal, values: Record<string, string>, lineId: number | null) {
  const field = refusal.status === 400 && lineId ? "quantity" : "form";
  return data({ errors: { [field]: refusal.message } as FieldErrors, values, lineId }, { status: refusal.status });
}

/** The user's own input, sent back so the form re-renders as they left it. */
function echo(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ["intent", "lineId", "variantId", "quantity"]) {
    const value = form.get(key);
    if (typeof value === "string") values[key] = value;
  }
  return values;
}

function firstError(errors: FieldErrors): string | null {
  return Object.values(errors)[0] ?? null;
}

function days(n: number) {
  return n === 1 ? "1 day" : `${n} days`;
}

function capitalize(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
