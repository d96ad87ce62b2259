import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field } from "~/components/ui/Field";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { mayAct } from "~/domain/accounts";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { disableSchema, maskedCode } from "~/domain/giftcards";
import { giftCardDetail, setGiftCardDisabled } from "~/domain/giftcards/index.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { intId } from "~/lib/fields";
import { Refusal } from "~/lib/refusal";
import { parseWith, readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Gift card ${maskedCode(data.card.last4)}` : "Gift card"} · Soko operations` },
];

const idOf = (raw: string | undefined) => {
  const parsed = intId().safeParse(raw);
  if (!parsed.success) throw new Response("No such gift card.", { status: 404 });
  return parsed.data;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.gift-cards.$id", "loader");
  const detail = await giftCardDetail(idOf(params.id));
  if (!detail) throw new Response("No such gift card.", { status: 404 });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return withFlash(request, {
    card: {
      ...detail.card,
      createdAt: detail.card.createdAt.toISOString(),
      deliveredAt: iso(detail.card.deliveredAt),
      activatedAt: iso(detail.card.activatedAt),
      disabledAt: iso(detail.card.disabledAt),
      expiresAt: iso(detail.card.expiresAt),
    },
    movements: detail.movements.map((m) => ({ ...m, at: m.at.toISOString() })),
    canChange: mayAct("ops.gift-cards.$id", staff.roles),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.gift-cards.$id", "action");
  const id = idOf(params.id);
  const parsed = parseWith(disableSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, message: null as string | null }, { status: 422 });
  const disabled = parsed.data.intent === "disable";
  try {
    await setGiftCardDisabled({ giftCardId: id, disabled, reason: parsed.data.reason, actor: `staff:${staff.id}` });
  } catch (error) {
    if (error instanceof Refusal) return data({ errors: {} as Record<string, string>, message: error.message }, { status: error.status });
    throw error;
  }
  return redirectWithFlash(request, `/ops/gift-cards/${id}`, {
    kind: "success",
    message: disabled ? "Card disabled: it keeps its balance and can't be spent." : "Card enabled again.",
  });
}

export default function OpsGiftCard() {
  const { card, movements, canChange, flash } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const money = (amount: number) => <Money value={{ amount, currency: card.currency }} />;
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/gift-cards">← Gift cards</Link>
      </p>
      <h1>Gift card {maskedCode(card.last4)}</h1>
      <FlashNotice flash={flash} />
      <dl className="ops-meta">
        <div>
          <dt>Balance</dt>
          <dd>
            <strong>{money(card.balance)}</strong> of {money(card.initialAmount)}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {card.status}
            {card.disabledReason ? ` — ${card.disabledReason}` : ""}
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>
            {card.kind === "store_credit"
              ? `Store credit${card.reason ? `: ${card.reason}` : ""}`
              : card.kind === "physical"
                ? "Printed card"
                : "Emailed card"}
          </dd>
        </div>
        {card.recipientEmail ? (
          <div>
            <dt>For</dt>
            <dd>
              {card.recipientName ? `${card.recipientName}, ` : ""}
              {card.recipientEmail}
              {card.senderName ? ` (from ${card.senderName})` : ""}
            </dd>
          </div>
        ) : null}
        {card.sendOn ? (
          <div>
            <dt>Email</dt>
            <dd>
              {card.deliveredAt ? (
                <>
                  Sent <OpsTime iso={card.deliveredAt} />
                </>
              ) : (
                `To be sent on ${card.sendOn}`
              )}
            </dd>
          </div>
        ) : null}
        {card.orderNumber ? (
          <div>
            <dt>Order</dt>
            <dd>
              <Link to={`/ops/orders/${card.orderNumber}`}>{card.orderNumber}</Link>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Expires</dt>
          <dd>{card.expiresAt ? <OpsTime iso={card.expiresAt} /> : "Never"}</dd>
        </div>
      </dl>

      <h2>Ledger</h2>
      {movements.length === 0 ? (
        <p className="muted">Nothing yet: a printed card is worth nothing until it is sold.</p>
      ) : (
        <ScrollRegion className="ops-table-wrap" label="The card's ledger">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Order</th>
                <th scope="col">By</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {movements.map((m) => (
                <tr key={m.id}>
                  <td>
                    <OpsTime iso={m.at} />
                  </td>
                  <td>
                    {MOVEMENT_LABEL[m.kind]}
                    {m.memo ? <span className="muted"> — {m.memo}</span> : null}
                  </td>
                  <td>
                    {m.orderNumber ? <Link to={`/ops/orders/${m.orderNumber}`}>{m.orderNumber}</Link> : <span className="muted">—</span>}
                  </td>
                  <td>{m.actor}</td>
                  <td className="num">{m.amount > 0 ? <>+{money(m.amount)}</> : <>−{money(-m.amount)}</>}</td>
                  <td className="num">{money(m.balanceAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      {canChange && card.status !== "inactive" ? (
        <section aria-labelledby="card-status-title" className="ops-section">
          <h2 id="card-status-title">{card.status === "active" ? "Disable this card" : "Enable this card"}</h2>
          <p className="muted">
            {card.status === "active"
              ? "A disabled card keeps its balance but can't be spent online or at the register (reported lost or stolen, fraud)."
              : "It can be spent again at once."}
          </p>
          {reply?.message ? (
            <p className="notice notice--error" role="alert">
              {reply.message}
            </p>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value={card.status === "active" ? "disable" : "enable"} />
            <Field name="reason" label="Why (for the audit log)" maxLength={300} error={reply?.errors.reason} />
            <button type="submit" className={`button button--small${card.status === "active" ? " button--danger" : ""}`}>
              {card.status === "active" ? "Disable card" : "Enable card"}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

const MOVEMENT_LABEL: Record<string, string> = { issued: "Issued", redeemed: "Spent", refunded: "Refunded to card", expired: "Expired" };
