import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { FlashNotice } from "~/components/ui/Notice";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { roundingLabel, rateText } from "~/features/ops/markets/price-form";
import { marketsIndex } from "~/features/ops/markets/markets.server";
import { Actor } from "~/features/ops/shared/Actor";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import styles from "~/styles/ops-admin.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Markets · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.markets._index", "loader");
  return marketsIndex(request, staff);
}

export default function OpsMarkets() {
  const { markets, actors, flash } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page ops-admin">
      <div className="ops-admin__head">
        <h1>Markets</h1>
      </div>
      <p className="muted">
        Each market's prices are stored in its own currency, generated from the US dollar prices at the market's rate and rounding; prices
        set by hand are kept when a list is generated again.
      </p>
      <FlashNotice flash={flash} />
      <ScrollRegion className="ops-table-wrap" label="Markets">
        <table className="table markets-table">
          <thead>
            <tr>
              <th scope="col">Market</th>
              <th scope="col">Currency</th>
              <th scope="col">Rate (1 USD)</th>
              <th scope="col">Rounding</th>
              <th scope="col" className="num">
                Variants
              </th>
              <th scope="col" className="num">
                Set by hand
              </th>
              <th scope="col">List last generated</th>
            </tr>
          </thead>
          <tbody>
            {markets.map((m) => (
              <tr key={m.code}>
                <th scope="row">{m.ratePpm === null ? m.name : <Link to={`/ops/markets/${m.code}`}>{m.name}</Link>}</th>
                <td>{m.currency}</td>
                <td>{m.ratePpm === null ? <span className="muted">The products' own prices</span> : rateText(m.ratePpm)}</td>
                <td>{m.rounding ? roundingLabel(m.rounding.ending) : <span className="muted">—</span>}</td>
                <td className="num">{m.variantCount.toLocaleString("en-US")}</td>
                <td className="num">{m.ratePpm === null ? <span className="muted">—</span> : m.manualCount.toLocaleString("en-US")}</td>
                <td>
                  {m.generatedAt ? (
                    <>
                      <OpsTime iso={m.generatedAt} /> by{" "}
                      {m.generatedBy ? <Actor actor={m.generatedBy} actors={actors} /> : "the demo set-up"}
                    </>
                  ) : m.ratePpm === null ? (
                    <span className="muted">Changed on each product's page</span>
                  ) : (
                    <span className="muted">Never: priced as variants were added</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
