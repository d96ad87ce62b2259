import { Money } from "~/components/commerce/Money";
import { TERMS_LABEL } from "./labels";
import type { RetailerView } from "./retailer.server";
import { formatOpsTime } from "~/lib/time";

/** What the retailer told us when applying, and (once approved) its tier, terms, credit limit and orders. */
export function RetailerFacts({ retailer, tiers, orders }: Pick<RetailerView, "retailer" | "tiers" | "orders">) {
  return (
    <dl className="ops-meta">
      <div>
        <dt>Contact</dt>
        <dd>
          {retailer.contactName ?? "—"}
          {retailer.contactEmail ? ` <${retailer.contactEmail}>` : ""}
        </dd>
      </div>
      <div>
        <dt>Tax ID / resale certificate</dt>
        <dd>{retailer.taxId ?? "—"}</dd>
      </div>
      <div>
        <dt>Website</dt>
        <dd>
          {retailer.website ? (
            <a href={retailer.website} rel="noreferrer noopener" target="_blank">
              {retailer.website}
            </a>
          ) : (
            "—"
          )}
        </dd>
      </div>
      <div>
        <dt>Store locations</dt>
        <dd>{retailer.storeLocations ?? (retailer.city ? `${retailer.city}, ${retailer.country}` : "—")}</dd>
      </div>
      <div>
        <dt>Expected volume</dt>
        <dd>{retailer.expectedVolume ?? "—"}</dd>
      </div>
      <div>
        <dt>Applied</dt>
        <dd>
          <time dateTime={retailer.createdAt}>{formatOpsTime(retailer.createdAt)}</time>
        </dd>
      </div>
      {retailer.status === "approved" ? (
        <>
          <div>
            <dt>Tier</dt>
            <dd>{tiers.find((t) => t.code === retailer.tier)?.name ?? retailer.tier}</dd>
          </div>
          <div>
            <dt>Terms</dt>
            <dd>{TERMS_LABEL[retailer.paymentTerms]}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{retailer.currency}</dd>
          </div>
          <div>
            <dt>Credit limit</dt>
            <dd>
              <Money value={{ amount: retailer.creditLimit, currency: retailer.currency }} />
            </dd>
          </div>
          <div>
            <dt>Orders</dt>
            <dd>{orders}</dd>
          </div>
        </>
      ) : null}
      {retailer.decisionNote ? (
        <div>
          <dt>Reason given</dt>
          <dd>{retailer.decisionNote}</dd>
        </div>
      ) : null}
    </dl>
  );
}
