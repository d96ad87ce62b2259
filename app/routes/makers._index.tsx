import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { MarketLink } from "~/components/commerce/market";
import { marketFromPath, marketPath } from "~/domain/markets";
import { Image } from "~/components/commerce/Image";
import { Pagination } from "~/components/ui/Pagination";
import { PORTRAIT_SIZE, parseDirectoryParams } from "~/domain/artisans";
import { listPublicMakers, type MakerCard } from "~/domain/artisans/index.server";
import styles from "~/styles/makers.css";
import { env } from "~/lib/env.server";
import { sharedPageHeaders } from "~/domain/catalog";
import { FilterSelect } from "~/components/ui/FilterSelect";
import { PastLastPage } from "~/features/ops/shared/PastLastPage";
import { listPageOf } from "~/lib/fields";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const filtered = Boolean(data && (data.q || data.county || data.page > 1));
  return [
    { title: data?.county ? `Makers in ${data.county} | Soko` : "Meet the makers | Soko" },
    {
      name: "description",
      content:
        "Every Soko piece is made by an independent artisan in Kenya, offered the work on their phone and paid for each piece. Meet the makers.",
    },
    ...(data ? [{ tagName: "link", rel: "canonical", href: data.canonical }] : []),
    // Filtered and paged views are for browsing, not for search engines.
    ...(filtered ? [{ name: "robots", content: "noindex, follow" }] : []),
  ];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const params = { ...parseDirectoryParams(query), page: listPageOf(query) };
  const directory = await listPublicMakers(params, context.purgeKeys);
  return {
    ...directory,
    q: params.q,
    county: params.county,
    canonical: new URL(marketPath(marketFromPath(new URL(request.url).pathname).market, "/makers"), env().PUBLIC_URL).toString(),
  };
}

export default function MakersDirectory() {
  const { makers, total, page, pageCount, counties, q, county } = useLoaderData<typeof loader>();
  const filtered = Boolean(q || county);
  return (
    <div className="page makers-page">
      <header className="makers-intro">
        <p className="eyebrow">The virtual factory</p>
        <h1>Meet the makers</h1>
        <p>
          Soko has no factory floor. Every piece is made by an independent artisan working from their own workshop in Kenya. When you order,
          the work is offered to a maker with the right skills, on their phone, and they are paid for every piece that passes quality
          checks, straight to M-Pesa.
        </p>
        <p className="muted">These are the makers who chose to share their story with you.</p>
      </header>

      <Form method="get" className="makers-filter" role="search" aria-label="Find a maker">
        <div className="field">
          <label htmlFor="makers-q">Name or place</label>
          <input id="makers-q" name="q" type="search" defaultValue={q} maxLength={80} placeholder="e.g. Wanjiru or Kibera" />
        </div>
        <FilterSelect
          id="makers-county"
          label="County"
          name="county"
          value={counties.includes(county) ? county : ""}
          all="All counties"
          options={counties.map((c) => [c, c])}
        />
        <div className="makers-filter__actions">
          <button type="submit" className="button">
            Show makers
          </button>
          {filtered ? (
            <MarketLink to="/makers" className="makers-filter__clear">
              Clear
            </MarketLink>
          ) : null}
        </div>
      </Form>

      <p className="makers-count" role="status">
        {total === 0
          ? "No makers found."
          : `${total.toLocaleString("en")} ${total === 1 ? "maker" : "makers"}${county ? ` in ${county}` : ""}${q ? ` matching “${q}”` : ""}`}
      </p>

      {makers.length === 0 && total > 0 ? (
        <div className="empty-state">
          <PastLastPage rows="makers" pageCount={pageCount} />
        </div>
      ) : makers.length > 0 ? (
        <ul className="maker-grid">
          {makers.map((maker) => (
            <li key={maker.handle}>
              <MakerTile maker={maker} />
            </li>
          ))}
        </ul>
      ) : (
        <div className="empty-state">
          <h2>No makers match that search</h2>
          <p>
            {county ? <>We have no public maker profiles in “{county}” yet. </> : null}
            Try another name or place, or browse everyone.
          </p>
          <p>
            <MarketLink className="button" to="/makers">
              See all makers
            </MarketLink>
          </p>
        </div>
      )}

      <Pagination page={page} pageCount={pageCount} label="Maker pages" />
    </div>
  );
}

function MakerTile({ maker }: { maker: MakerCard }) {
  return (
    <MarketLink to={`/makers/${maker.handle}`} className="maker-card">
      <Image
        src={maker.portraitUrl}
        alt={`Portrait of ${maker.name}`}
        width={PORTRAIT_SIZE.width}
        height={PORTRAIT_SIZE.height}
        sizes="(min-width: 1024px) 20vw, (min-width: 720px) 30vw, 50vw"
      />
      <span className="maker-card__name">{maker.name}</span>
      <span className="maker-card__place">
        {maker.settlement}, {maker.county}
      </span>
      {maker.skills.length ? <span className="maker-card__skills">{maker.skills.join(" · ")}</span> : null}
    </MarketLink>
  );
}
