import { Form, Link } from "@remix-run/react";
import { useState, type FormEvent, type RefObject } from "react";
import { Image } from "~/components/commerce/Image";
import type { CatalogItem } from "~/domain/pos";
import { formatMoney } from "~/lib/money";
import type { RegisterMessage } from "./use-register-sale";

type Props = {
  items: CatalogItem[];
  categories: string[];
  cartJson: string;
  scanRef: RefObject<HTMLInputElement>;
  message: RegisterMessage | null;
  matches: CatalogItem[];
  onScan: (event: FormEvent<HTMLFormElement>) => void;
  onAdd: (event: FormEvent<HTMLFormElement>) => void;
};

/** Scan or search, the pieces a search matched, and the tiles by category. */
export function ProductPicker({ items, categories, cartJson, scanRef, message, matches, onScan, onAdd }: Props) {
  const [category, setCategory] = useState(categories[0] ?? "");
  const shown = items.filter((i) => i.category === category);
  return (
    <section className="pos-catalog" aria-label="Products">
      <Form method="post" className="pos-scan" onSubmit={onScan}>
        <input type="hidden" name="cart" value={cartJson} />
        <label htmlFor="scan">Scan or search</label>
        <div className="pos-scan__row">
          <input
            ref={scanRef}
            id="scan"
            name="code"
            autoComplete="off"
            autoFocus
            placeholder="Barcode, SKU or name"
            enterKeyHint="search"
          />
          <button type="submit" name="intent" value="scan" className="button">
            Add
          </button>
        </div>
      </Form>
      {message ? (
        <p className={`notice ${message.ok ? "notice--success" : "notice--error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}

      <Form method="post" onSubmit={onAdd}>
        <input type="hidden" name="cart" value={cartJson} />
        {matches.length ? (
          <ul className="pos-matches" aria-label="Matching pieces">
            {matches.map((m) => (
              <li key={m.variantId}>
                <button type="submit" name="intent" value={`add:${m.variantId}`} className="button button--ghost button--small">
                  Add {m.title} · {formatMoney({ amount: m.price, currency: m.currency })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <nav className="pos-tabs" aria-label="Categories">
          {categories.map((c) => (
            <Link
              key={c}
              to={`?category=${c}`}
              aria-current={c === category ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                setCategory(c);
              }}
            >
              {c[0].toUpperCase() + c.slice(1)}
            </Link>
          ))}
        </nav>
        <ul className="pos-grid">
          {shown.map((item) => (
            <li key={item.variantId}>
              <button
                type="submit"
                name="intent"
                value={`add:${item.variantId}`}
                className="pos-tile"
                aria-label={`Add ${item.title}, ${formatMoney({ amount: item.price, currency: item.currency })}`}
              >
                {item.image ? <Image src={item.image} alt="" width={96} height={96} sizes="96px" /> : null}
                <span className="pos-tile__title">{item.title}</span>
                <span className="pos-tile__meta">
                  {formatMoney({ amount: item.price, currency: item.currency })} ·{" "}
                  {item.onShelf > 0 ? `${item.onShelf} on shelf` : "special order"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </Form>
    </section>
  );
}
