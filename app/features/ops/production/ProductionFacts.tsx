import { Link } from "@remix-run/react";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { Money } from "~/components/commerce/Money";
import { CHANNEL_LABEL } from "~/domain/production";
import type { ProductionRequestView } from "./request.server";
import { OpsLink } from "~/features/ops/shared/OpsLink";

/** The request at a glance: product, units, due date, piece rate, order, skills, who has it and until when. */
export function ProductionFacts({ request, skills, holder }: Pick<ProductionRequestView, "request" | "skills" | "holder">) {
  return (
    <dl className="ops-meta">
      <div>
        <dt>Product</dt>
        <dd>
          {request.product} · {request.variant} <span className="muted">({request.sku})</span>
        </dd>
      </div>
      <div>
        <dt>Units</dt>
        <dd>
          {request.quantity}
          {request.unitsMade ? `, ${request.unitsMade} made` : ""}
        </dd>
      </div>
      <div>
        <dt>Due at the hub</dt>
        <dd>{request.dueDate}</dd>
      </div>
      <div>
        <dt>Piece rate</dt>
        <dd>
          <Money value={{ amount: request.pieceRate, currency: request.pieceRateCurrency }} />
        </dd>
      </div>
      <div>
        <dt>Order</dt>
        <dd>
          {request.orderNumber ? (
            <>
              <Link to={`/ops/orders/${request.orderNumber}`}>{request.orderNumber}</Link> ·{" "}
              {request.channel ? CHANNEL_LABEL[request.channel] : ""}
            </>
          ) : (
            "Stock (no order)"
          )}
        </dd>
      </div>
      <div>
        <dt>Skills needed</dt>
        <dd>{skills.length ? skills.map((s) => s.name).join(", ") : "None set"}</dd>
      </div>
      <div>
        <dt>With</dt>
        <dd>
          {holder ? (
            <>
              <OpsLink route="ops.artisans.$id" to={`/ops/artisans/${holder.id}`}>
                {holder.name}
              </OpsLink>{" "}
              · {holder.settlement}, {holder.county}
            </>
          ) : (
            "Nobody"
          )}
        </dd>
      </div>
      {request.offerExpiresAt ? (
        <div>
          <dt>Offer expires</dt>
          <dd>
            <OpsTime iso={request.offerExpiresAt} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
