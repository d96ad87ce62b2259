import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { FlashNotice } from "~/components/ui/Notice";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { rateText } from "~/features/ops/markets/price-form";
import { Actor } from "~/features/ops/shared/Actor";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { MinimumsForms } from "~/features/ops/wholesale-prices/MinimumsForms";
import { type MinimumsFailure, wholesaleListsIndex, wholesaleMinimumsAction } from "~/features/ops/wholesale-prices/prices.server";
import styles from "~/styles/ops-admin.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Wholesale prices · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.wholesale.prices._index", "loader");
  return wholesaleListsIndex(request, staff);
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.wholesale.prices._index", "action");
  return wholesaleMinimumsAction(request, staff);
}

export default function OpsWholesalePrices() {
  const { lists, actors, flash, canEdit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as MinimumsFailure | undefined;
  return (
    <div className="ops-page ops-admin">
      <div className="ops-admin__head">
        <h1>Wholesale prices</h1>
      </div>
      <p className="muted">
        A retailer buys in its own currency from that currency's list: prices made from the US dollar wholesale prices at the list's rate,
        to the nearest rounding step, and kept; prices set by hand stay when the list is generated again. An order keeps the prices and rate
        it was placed at.
      </p>
      <FlashNotice flash={flash} />
      <ScrollRegion className="ops-table-wrap" label="Wholesale price lists">
        <table className="table markets-table">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col">Rate (1 USD)</th>
              <th scope="col">Rounding step</th>
              <th scope="col" className="num">
                Opening order
              </th>
              <th scope="col" className="num">
                Reorder
              </th>
              <th scope="col" className="num">
                Variants
              </th>
              <th scope="col" className="num">
                Set by hand
              </th>
              <th scope="col">Last generated</th>
            </tr>
          </thead>
          <tbody>
            {lists.map((l) => {
              const usd = l.currency === "USD";
              return (
                <tr key={l.currency}>
                  <th scope="row">{usd ? "USD" : <Link to={`/ops/wholesale/prices/${l.currency}`}>{l.currency}</Link>}</th>
                  <td>{usd ? <span className="muted">The products' own prices</span> : rateText(l.ratePpm)}</td>
                  <td>{usd ? <span className="muted">—</span> : <Money value={{ amount: l.step, currency: l.currency }} />}</td>
                  <td className="num">
                    <Money value={{ amount: l.openingMinimum, currency: l.currency }} />
                  </td>
                  <td className="num">
                    <Money value={{ amount: l.reorderMinimum, currency: l.currency }} />
                  </td>
                  <td className="num">{l.variantCount.toLocaleString("en-US")}</td>
                  <td className="num">{usd ? <span className="muted">—</span> : l.manualCount.toLocaleString("en-US")}</td>
                  <td>
                    {l.generatedAt ? (
                      <>
                        <OpsTime iso={l.generatedAt} /> by {l.generatedBy ? <Actor actor={l.generatedBy} actors={actors} /> : "the set-up"}
                      </>
                    ) : usd ? (
                      <span className="muted">Changed on each product's page</span>
                    ) : (
                      <span className="muted">Never: priced as variants were added</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {canEdit ? <MinimumsForms lists={lists} failure={failure} /> : null}
    </div>
  );
}
