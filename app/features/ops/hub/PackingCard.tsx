import { Form, Link } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { PackingEdi } from "~/domain/edi/index.server";
import type { PackingOrder } from "~/domain/hub/index.server";
import { CartonsForm } from "./CartonsForm";
import type { ShipFailure } from "./forms";
import { ShipForm } from "./ShipForm";
import { formatOpsTime } from "~/lib/time";

/** One order on a packing list: what goes in it, and "Pack" or the ship form. */
export function PackingCard({
  order: o,
  show,
  failure,
  edi,
}: {
  order: PackingOrder;
  show: "pack" | "ship";
  failure: ShipFailure | undefined;
  /** Set for an order that came by EDI: its cartons and their labels. */
  edi?: PackingEdi;
}) {
  return (
    <li className="hub-card">
      <div className="hub-card__head">
        <p className="hub-card__number">
          {o.number} <span className="badge">{o.channel}</span>{" "}
          {o.shippingMethod ? (
            <span className={o.express ? "badge badge--warn hub-ship-method" : "badge hub-ship-method"}>{o.shippingMethod}</span>
          ) : null}
        </p>
        <p className="muted">
          Placed <time dateTime={o.placedAt}>{formatOpsTime(o.placedAt)}</time> · to {o.shipTo} ·{" "}
          <Link to={`/ops/orders/${o.number}`}>order page</Link> · <a href={o.statusPath}>customer's status page</a>
        </p>
        <p className="hub-card__print">
          <a href={`/ops/hub/slip/${o.number}.pdf`} target="_blank" rel="noreferrer">
            Packing slip (PDF)
          </a>
          {o.address.length ? (
            <>
              {" · "}
              <a href={`/ops/hub/label/${o.number}.pdf`} target="_blank" rel="noreferrer">
                Shipping label (PDF)
              </a>
            </>
          ) : null}
        </p>
      </div>
      <ul className="hub-lines" aria-label={`What goes in ${o.number}`}>
        {o.lines.map((l) => (
          <li key={l.sku + l.title}>
            <strong>
              {l.quantity} × {l.title}
            </strong>{" "}
            <code>{l.sku}</code>
            {l.sources.length ? <span className="muted"> — {l.sources.join("; ")}</span> : null}
          </li>
        ))}
      </ul>
      {edi ? (
        <CartonsForm
          order={o.number}
          show={show}
          edi={edi}
          failure={failure?.intent === "cartons" && failure.order === o.number ? failure : null}
        />
      ) : null}
      {show === "pack" ? (
        <Form method="post" className="hub-card__actions">
          <input type="hidden" name="order" value={o.number} />
          <SubmitButton intent="pack" match={{ order: o.number }} className="button button--small">
            Pack {o.number}
          </SubmitButton>
        </Form>
      ) : (
        <ShipForm order={o.number} failure={failure?.intent === "ship" && failure.order === o.number ? failure : null} />
      )}
    </li>
  );
}
