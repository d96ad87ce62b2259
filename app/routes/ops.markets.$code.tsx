import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { FlashNotice, Notice } from "~/components/ui/Notice";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { MarketPriceEdit, MarketPriceTable, MarketRegenerate, MarketUndo } from "~/features/ops/markets/MarketPriceList";
import { type MarketActionFailure, listMarketOf, marketAction, marketPage } from "~/features/ops/markets/markets.server";
import { rateText, roundingLabel } from "~/features/ops/markets/price-form";
import { Actor } from "~/features/ops/shared/Actor";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import styles from "~/styles/ops-admin.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.market.name ?? "Market"} prices · Markets · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.markets.$code", "loader");
  return marketPage(request, staff, listMarketOf(params.code));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.markets.$code", "action");
  return marketAction(request, staff, listMarketOf(params.code));
}

export default function OpsMarket() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as MarketActionFailure | undefined;
  const { pathname, search } = useLocation();
  const { market, flash, actors, canEdit, lastRun } = page;
  return (
    <div className="ops-page ops-admin market-page">
      <p>
        <Link to="/ops/markets">← Markets</Link>
      </p>
      <div className="ops-admin__head">
        <h1>
          {market.name} prices <span className="muted">({market.currency})</span>
        </h1>
      </div>
      <dl className="bulk-summary market-summary">
        <div>
          <dt>Rate</dt>
          <dd>
            1 USD → {rateText(market.ratePpm ?? 1_000_000)} {market.currency}
          </dd>
        </div>
        <div>
          <dt>Rounding</dt>
          <dd>{roundingLabel(market.rounding?.ending ?? 0)}</dd>
        </div>
        <div>
          <dt>Variants</dt>
          <dd>
            {market.variantCount.toLocaleString("en-US")} ({market.manualCount.toLocaleString("en-US")} set by hand)
          </dd>
        </div>
        <div>
          <dt>Last generated</dt>
          <dd>
            {market.generatedAt ? (
              <>
                <OpsTime iso={market.generatedAt} /> by{" "}
                {market.generatedBy ? <Actor actor={market.generatedBy} actors={actors} /> : "the demo set-up"}
              </>
            ) : (
              "Never"
            )}
          </dd>
        </div>
        <div>
          <dt>Tax shown</dt>
          <dd>{market.tax}</dd>
        </div>
      </dl>
      <FlashNotice flash={flash} />
      {failure?.error && failure.intent !== "set" && failure.intent !== "regenerate" ? <Notice kind="error">{failure.error}</Notice> : null}
      {!canEdit ? <p className="notice">You can look at this list; changing prices needs the operations role.</p> : null}
      {canEdit && lastRun ? <MarketUndo run={lastRun} actors={actors} currency={market.currency} q={page.q} page={page.list.page} /> : null}
      {canEdit && page.editing ? (
        <MarketPriceEdit
          code={market.code}
          row={page.editing}
          currency={market.currency}
          action={`${pathname}${search}`}
          q={page.q}
          page={page.list.page}
          failure={failure?.intent === "set" ? failure : undefined}
        />
      ) : null}
      {canEdit ? (
        <MarketRegenerate
          market={market}
          regeneration={page.regeneration}
          preview={page.preview}
          undoMinutes={page.undoMinutes}
          q={page.q}
          page={page.list.page}
          failure={failure?.intent === "regenerate" ? failure : undefined}
        />
      ) : null}
      <MarketPriceTable market={market} list={page.list} q={page.q} canEdit={canEdit} />
    </div>
  );
}
