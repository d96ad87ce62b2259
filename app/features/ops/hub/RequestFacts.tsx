import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { HubRequestDetail } from "~/domain/hub/index.server";

/** The request at a glance: its photo, product, quantity, artisan, pay, due date, order and pickup. */
export function RequestFacts({ request: r }: { request: HubRequestDetail }) {
  return (
    <div className="hub-request">
      {r.image ? <Image className="hub-request__image" src={r.image.url} alt={r.image.alt} width={240} height={240} sizes="240px" /> : null}
      <dl className="ops-meta hub-request__meta">
        <div>
          <dt>Product</dt>
          <dd>
            <strong>{r.product}</strong>
            {r.variant && r.variant !== "Default" ? ` — ${r.variant}` : ""} <code>{r.sku}</code>
          </dd>
        </div>
        <div>
          <dt>Quantity</dt>
          <dd className="hub-request__qty">{r.quantity}</dd>
        </div>
        <div>
          <dt>Artisan</dt>
          <dd>
            {r.artisanName ? (
              <>
                {r.artisanName}, {r.settlement}
                {r.county ? ` (${r.county})` : ""}
              </>
            ) : (
              "—"
            )}
            {r.artisanPhone ? (
              <>
                {" "}
                · <a href={`tel:${r.artisanPhone}`}>{r.artisanPhone}</a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Pay per piece</dt>
          <dd>
            <Money value={{ amount: r.pieceRate, currency: r.currency }} />
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{r.dueDate}</dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>{r.orderNumber ?? "— (for stock)"}</dd>
        </div>
        {r.pickup ? (
          <div>
            <dt>Pickup</dt>
            <dd>
              {r.pickup.riderName}
              {r.pickup.riderPhone ? ` (${r.pickup.riderPhone})` : ""}, <OpsTime iso={r.pickup.scheduledFor} weekday year={false} />
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
