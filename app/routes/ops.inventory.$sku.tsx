import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/ui/Pagination";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { mayAct } from "~/domain/accounts";
import { ADJUSTMENT_REASONS, countFormSchema, transferFormSchema } from "~/domain/inventory";
import { countStock, newFormKey, transferStock, variantStock, type StockResult } from "~/domain/inventory/index.server";
import styles from "~/styles/ops-dashboard.css";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "variant" in data ? data.variant.sku : "Stock"} · Inventory · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.inventory.$sku", "loader");
  const parsed = pageSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response("Pages start at 1.", { status: 400 });
  const stock = await variantStock(params.sku ?? "", parsed.data.page);
  if (!stock) throw new Response(`No variant has the SKU ${params.sku}.`, { status: 404 });
  // A fresh key per page view: submitting the same form twice changes stock once.
  const body = { ...stock, canEdit: mayAct("ops.inventory.$sku", staff.roles), formKey: newFormKey() };
  return withFlash(request, body);
}

type ActionFailure = { intent: "transfer" | "count"; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.inventory.$sku", "action");
  const stock = await variantStock(params.sku ?? "", 1);
  if (!stock) throw new Response(`No variant has the SKU ${params.sku}.`, { status: 404 });
  const form = await readForm(request);
  const intent = form.get("intent") === "count" ? "count" : form.get("intent") === "transfer" ? "transfer" : null;
  if (!intent)
    return data<ActionFailure>(
      { intent: "transfer", errors: { form: "Choose to move stock or record a count." }, values: {} },
      { status: 400 },
    );
  const actor = `staff:${staff.id}`;
  let result: StockResult;
  if (intent === "transfer") {
    const parsed = parseWith(transferFormSchema, form);
    if (!parsed.ok) return data<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const { from, to, quantity, note, key } = parsed.data;
    result = await transferStock({ variantId: stock.variant.id, fromLocationId: from, toLocationId: to, quantity, note, key, actor });
  } else {
    const parsed = parseWith(countFormSchema, form);
    if (!parsed.ok) return data<ActionFailure>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const { location, counted, reason, note, key } = parsed.data;
    result = await countStock({ variantId: stock.variant.id, locationId: location, counted, reason, note, key, actor });
  }
  if (!result.ok) {
    const values: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
    return data<ActionFailure>({ intent, errors: { [result.field]: result.message }, values }, { status: 422 });
  }
  return redirectWithFlash(request, `/ops/inventory/${encodeURIComponent(stock.variant.sku)}`, {
    kind: "success",
    message: result.message,
  });
}

export default function OpsInventoryVariant() {
  const { variant, levels, movements, canEdit, formKey, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const t = failure?.intent === "transfer" ? failure : undefined;
  const c = failure?.intent === "count" ? failure : undefined;
  const hub = levels.find((l) => l.kind === "hub");
  const store = levels.find((l) => l.kind === "store");
  return (
    <div className="ops-page">
      <p className="eyebrow">
        <Link to="/ops/inventory">Inventory</Link>
      </p>
      <h1>{variant.productTitle}</h1>
      <p className="muted">
        SKU {variant.sku}
        {variant.title && variant.title !== "Default" ? ` · ${variant.title}` : ""}
      </p>
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {failure?.errors.form ? (
        <p className="notice notice--error" role="alert">
          {failure.errors.form}
        </p>
      ) : null}

      <ScrollRegion className="ops-table-wrap" label="Levels by location">
        <table className="table">
          <thead>
            <tr>
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
            {levels.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  {l.name} <span className="muted">{l.code}</span>
                </th>
                <td className="ops-num">{l.onHand}</td>
                <td className="ops-num">{l.reserved}</td>
                <td className="ops-num">{l.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      {canEdit ? (
        <div className="inv-forms">
          <Form method="post" className="inv-form" aria-labelledby="transfer-title">
            <h2 id="transfer-title">Move stock</h2>
            <p className="muted">Only free units move (on hand less what orders have reserved).</p>
            <input type="hidden" name="intent" value="transfer" />
            <input type="hidden" name="key" value={formKey} />
            <div className="field">
              <label htmlFor="transfer-from">From</label>
              <select
                id="transfer-from"
                name="from"
                defaultValue={t?.values.from ?? String(hub?.id ?? "")}
                aria-invalid={t?.errors.from ? true : undefined}
                aria-describedby={t?.errors.from ? "transfer-from-error" : undefined}
              >
                {levels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name} ({l.available} free)
                  </option>
                ))}
              </select>
              {t?.errors.from ? (
                <p id="transfer-from-error" className="field-error">
                  {t.errors.from}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="transfer-to">To</label>
              <select
                id="transfer-to"
                name="to"
                defaultValue={t?.values.to ?? String(store?.id ?? "")}
                aria-invalid={t?.errors.to ? true : undefined}
                aria-describedby={t?.errors.to ? "transfer-to-error" : undefined}
              >
                {levels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
              {t?.errors.to ? (
                <p id="transfer-to-error" className="field-error">
                  {t.errors.to}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="transfer-quantity">Units to move</label>
              <input
                id="transfer-quantity"
                name="quantity"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                required
                defaultValue={t?.values.quantity ?? ""}
                aria-invalid={t?.errors.quantity ? true : undefined}
                aria-describedby={t?.errors.quantity ? "transfer-quantity-error" : undefined}
              />
              {t?.errors.quantity ? (
                <p id="transfer-quantity-error" className="field-error" role="alert">
                  {t.errors.quantity}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="transfer-note">Note (optional)</label>
              <input id="transfer-note" name="note" maxLength={200} defaultValue={t?.values.note ?? ""} placeholder="Carton 14, DHL 1234" />
              {t?.errors.note ? <p className="field-error">{t.errors.note}</p> : null}
            </div>
            {t?.errors.key ? (
              <p className="field-error" role="alert">
                {t.errors.key}
              </p>
            ) : null}
            <button type="submit" className="button" disabled={busy}>
              Move stock
            </button>
          </Form>

          <Form method="post" className="inv-form" aria-labelledby="count-title">
            <h2 id="count-title">Record a count or adjustment</h2>
            <p className="muted">Enter what is on the shelf now; the difference is recorded with your reason.</p>
            <input type="hidden" name="intent" value="count" />
            <input type="hidden" name="key" value={formKey} />
            <div className="field">
              <label htmlFor="count-location">Location</label>
              <select id="count-location" name="location" defaultValue={c?.values.location ?? String(hub?.id ?? "")}>
                {levels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name} ({l.onHand} on hand, {l.reserved} reserved)
                  </option>
                ))}
              </select>
              {c?.errors.location ? <p className="field-error">{c.errors.location}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="count-counted">Counted on hand</label>
              <input
                id="count-counted"
                name="counted"
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                required
                defaultValue={c?.values.counted ?? ""}
                aria-invalid={c?.errors.counted ? true : undefined}
                aria-describedby={c?.errors.counted ? "count-counted-error" : undefined}
              />
              {c?.errors.counted ? (
                <p id="count-counted-error" className="field-error" role="alert">
                  {c.errors.counted}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="count-reason">Reason</label>
              <select
                id="count-reason"
                name="reason"
                required
                defaultValue={c?.values.reason ?? ""}
                aria-invalid={c?.errors.reason ? true : undefined}
                aria-describedby={c?.errors.reason ? "count-reason-error" : undefined}
              >
                <option value="" disabled>
                  Choose a reason
                </option>
                {ADJUSTMENT_REASONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              {c?.errors.reason ? (
                <p id="count-reason-error" className="field-error" role="alert">
                  {c.errors.reason}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="count-note">Note (required for Other)</label>
              <input
                id="count-note"
                name="note"
                maxLength={200}
                defaultValue={c?.values.note ?? ""}
                aria-invalid={c?.errors.note ? true : undefined}
                aria-describedby={c?.errors.note ? "count-note-error" : undefined}
              />
              {c?.errors.note ? (
                <p id="count-note-error" className="field-error" role="alert">
                  {c.errors.note}
                </p>
              ) : null}
            </div>
            {c?.errors.key ? (
              <p className="field-error" role="alert">
                {c.errors.key}
              </p>
            ) : null}
            <button type="submit" className="button" disabled={busy}>
              Record count
            </button>
          </Form>
        </div>
      ) : null}

      <h2>Movements</h2>
      {movements.rows.length === 0 ? (
        <p className="muted">No stock of this variant has moved yet.</p>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="Movements">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Location</th>
                <th scope="col" className="ops-num">
                  On hand
                </th>
                <th scope="col" className="ops-num">
                  Reserved
                </th>
                <th scope="col">Reason</th>
                <th scope="col">Reference</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {movements.rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    <time dateTime={String(m.at)}>{utc(m.at)}</time>
                  </td>
                  <td>{m.locationCode}</td>
                  <td className="ops-num">
                    <Delta value={m.onHandDelta} />
                  </td>
                  <td className="ops-num">
                    <Delta value={m.reservedDelta} />
                  </td>
                  <td>{m.reason}</td>
                  <td>{m.reference ?? ""}</td>
                  <td>{m.actor ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pagination page={movements.page} pageCount={movements.pageCount} label="Movement pages" />
    </div>
  );
}

function Delta({ value }: { value: number }) {
  if (value === 0) return <span className="muted">0</span>;
  return <span className={value > 0 ? "inv-delta--up" : "inv-delta--down"}>{value > 0 ? `+${value}` : `−${Math.abs(value)}`}</span>;
}

function utc(at: string | Date) {
  return new Date(at).toISOString().slice(0, 16).replace("T", " ");
}

const pageSchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });
