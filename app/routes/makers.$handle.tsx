import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MarketLink } from "~/components/commerce/market";
import { Image } from "~/components/commerce/Image";
import { ProductGrid } from "~/components/commerce/ProductCard";
import { PORTRAIT_SIZE, fullName, isMakerHandle, memberSince, summarize } from "~/domain/artisans";
import { getPublicMaker } from "~/domain/artisans/index.server";
import styles from "~/styles/makers.css";
import { env } from "~/lib/env.server";
import { sharedPageHeaders } from "~/domain/catalog";
import { priceCards } from "~/domain/markets/index.server";
import { pageMarket } from "~/features/storefront/market.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Maker not found | Soko" }, { name: "robots", content: "noindex" }];
  const { maker, canonical, image } = data;
  const name = fullName(maker.firstName, maker.lastName);
  const title = `${name}, maker in ${maker.settlement}, ${maker.county} | Soko`;
  const description = summarize(
    maker.bio || `${name} makes Soko jewelry by hand in ${maker.settlement}, ${maker.county}, and is paid for every piece.`,
  );
  return [
    { title },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: canonical },
    { property: "og:type", content: "profile" },
    { property: "og:site_name", content: "Soko" },
    { property: "og:title", content: `${name} | Soko makers` },
    { property: "og:description", content: description },
    { property: "og:url", content: canonical },
    { property: "og:image", content: image },
    { property: "og:image:alt", content: `Portrait of ${name}` },
    { property: "profile:first_name", content: maker.firstName },
    { property: "profile:last_name", content: maker.lastName },
    { name: "twitter:card", content: "summary" },
  ];
};

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const notFound = () => new Response("We couldn't find that maker. They may have chosen not to share a public profile.", { status: 404 });
  if (!isMakerHandle(params.handle)) throw notFound();
  const [found, market] = await Promise.all([getPublicMaker(params.handle, context.purgeKeys), pageMarket(request, context.purgeKeys)]);
  if (!found) throw notFound();
  const maker = { ...found, products: priceCards(found.products, market.prices) };
  const base = env().PUBLIC_URL;
  return {
    maker,
    canonical: market.url(`/makers/${maker.handle}`),
    image: new URL(maker.portraitUrl, base).toString(),
  };
}

export default function MakerProfilePage() {
  const { maker } = useLoaderData<typeof loader>();
  const name = fullName(maker.firstName, maker.lastName);
  return (
    <div className="page maker-profile">
      <nav aria-label="Breadcrumb" className="maker-breadcrumb">
        <MarketLink to="/makers">Makers</MarketLink> <span aria-hidden="true">/</span> <span aria-current="page">{name}</span>
      </nav>

      <article className="maker-profile__intro">
        <Image
          src={maker.portraitUrl}
          alt={`Portrait of ${name}`}
          width={PORTRAIT_SIZE.width}
          height={PORTRAIT_SIZE.height}
          sizes="(min-width: 720px) 360px, 100vw"
          loading="eager"
          className="maker-profile__portrait"
        />
        <div>
          <p className="eyebrow">Soko maker</p>
          <h1>{name}</h1>
          <p className="maker-profile__place">
            Workshop in {maker.settlement}, {maker.county} County, Kenya
          </p>
          {maker.bio ? (
            <div className="maker-profile__story">
              {maker.bio.split(/\n{2,}/).map((paragraph, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one text, never reordered; the text itself may repeat
                <p key={i}>{paragraph}</p>
              ))}
            </div>
          ) : null}
          <dl className="maker-facts">
            <div>
              <dt>Pieces made for Soko</dt>
              <dd>{maker.piecesMade.toLocaleString("en")}</dd>
            </div>
            <div>
              <dt>Member since</dt>
              <dd>{memberSince(maker.joinedAt)}</dd>
            </div>
          </dl>
          {maker.skills.length ? (
            <>
              <h2 className="maker-profile__subhead">Skills</h2>
              <ul className="skill-list">
                {maker.skills.map((skill) => (
                  <li key={skill} className="badge">
                    {skill}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </article>

      <section aria-labelledby="maker-products">
        <h2 id="maker-products">Pieces {maker.firstName} can make</h2>
        {maker.products.length ? (
          <ProductGrid products={maker.products} />
        ) : (
          <div className="empty-state">
            <p>{maker.firstName}'s pieces are between collections right now.</p>
            <p>
              <MarketLink to="/search">Browse the shop</MarketLink>
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
