import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { FlashNotice, Notice } from "~/components/ui/Notice";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { rateText } from "~/features/ops/markets/price-form";
import { Actor } from "~/features/ops/shared/Actor";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { WholesalePriceEdit, WholesalePriceTable, WholesaleRegenerate } from "~/features/ops/wholesale-prices/WholesalePriceList";
import {
  type WholesalePriceFailure,
  listCurrencyFromUrl,
  wholesaleListAction,
  wholesaleListPage,
} from "~/features/ops/wholesale-prices/prices.server";
import styles from "~/styles/ops-admin.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.list.currency ?? "Wholesale"} prices · Wholesale prices · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.wholesale.prices.$currency", "loader");
  return wholesaleListPage(request, staff, listCurrencyFromUrl(params.currency));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.wholesale.prices.$currency", "action");
  return wholesaleListAction(request, staff, listCurrencyFromUrl(params.currency));
}

export default function OpsWholesalePriceList() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as WholesalePriceFailure | undefined;
  const { list, flash, actors, canEdit } = page;
  const currency = list.currency;
  return (
    <div className="ops-page ops-admin market-page">
      <p>
        <Link to="/ops/wholesale/prices">← Wholesale prices</Link>
      </p>
      <div className="ops-admin__head">
        <h1>Wholesale prices in {currency}</h1>
      </div>
      <dl className="bulk-summary market-summary">
        <div>
          <dt>Rate</dt>
          <dd>
            1 USD → {rateText(list.ratePpm)} {currency}
          </dd>
        </div>
        <div>
          <dt>Rounding step</dt>
          <dd>
            <Money value={{ amount: list.step, currency }} />
          </dd>
        </div>
        <div>
          <dt>Minimum order</dt>
          <dd>
            <Money value={{ amount: list.openingMinimum, currency }} /> opening, <Money value={{ amount: list.reorderMinimum, currency }} />{" "}
            reorder
            {canEdit ? (
              <>
                {" "}
                (<Link to={`/ops/wholesale/prices#minimums-${currency}`}>change</Link>)
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Variants</dt>
          <dd>
            {list.variantCount.toLocaleString("en-US")} ({list.manualCount.toLocaleString("en-US")} set by hand)
          </dd>
        </div>
        <div>
          <dt>Last generated</dt>
          <dd>
            {list.generatedAt ? (
              <>
                <OpsTime iso={list.generatedAt} /> by {list.generatedBy ? <Actor actor={list.generatedBy} actors={actors} /> : "the set-up"}
              </>
            ) : (
              "Never"
            )}
          </dd>
        </div>
      </dl>
      <FlashNotice flash={flash} />
      {failure?.error && failure.intent !== "set" && failure.intent !== "regenerate" ? <Notice kind="error">{failure.error}</Notice> : null}
      {!canEdit ? <p className="notice">You can look at this list; changing it needs the operations role.</p> : null}
      {canEdit && page.editing ? (
        <WholesalePriceEdit
          currency={currency}
          row={page.editing}
          q={page.q}
          page={page.prices.page}
          failure={failure?.intent === "set" ? failure : undefined}
        />
      ) : null}
      {canEdit ? (
        <WholesaleRegenerate
          currency={currency}
          regeneration={page.regeneration}
          preview={page.preview}
          q={page.q}
          page={page.prices.page}
          failure={failure?.intent === "regenerate" ? failure : undefined}
        />
      ) : null}
      <WholesalePriceTable currency={currency} prices={page.prices} q={page.q} canEdit={canEdit} />
    </div>
  );
}
