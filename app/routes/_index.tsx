import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MakerCard } from "~/components/catalog/MakerCard";
import { Image } from "~/components/commerce/Image";
import { ProductGrid } from "~/components/commerce/ProductCard";
import { getHomePage } from "~/domain/catalog/index.server";
import { absoluteUrl, seoMeta, type Seo } from "~/domain/catalog";
import { MarketLink, PriceNote } from "~/components/commerce/market";
import { priceCards } from "~/domain/markets/index.server";
import { pageMarket } from "~/features/storefront/market.server";
import { env } from "~/lib/env.server";
import styles from "~/styles/catalog.css";
import { sharedPageHeaders } from "~/domain/catalog";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [home, market] = await Promise.all([getHomePage(context.purgeKeys), pageMarket(request, context.purgeKeys)]);
  const publicUrl = env().PUBLIC_URL;
  const image = home.newArrivals.find((p) => p.image)?.image;
  const seo: Seo = {
    title: "Soko | Jewelry handmade in Kenya by 1,300+ artisans",
    description:
      "Brass, horn, bone and recycled glass jewelry, each piece handmade to order by one of 1,300+ independent artisans in Kenya, who are paid for every piece.",
    url: market.url("/"),
    image: image ? absoluteUrl(publicUrl, image.url) : null,
    type: "website",
  };
  return { ...home, newArrivals: priceCards(home.newArrivals, market.prices), seo };
}

export default function Home() {
  const { hero, collections, newArrivals, makers } = useLoaderData<typeof loader>();
  return (
    <div className="home">
      <section className="hero" aria-labelledby="hero-title">
        <div className={hero ? "hero__inner hero__inner--pictured" : "hero__inner"}>
          <div className="hero__text">
            <p className="eyebrow">Handmade in Kenya</p>
            <h1 id="hero-title">Jewelry made by hand, by 1,300+ Kenyan artisans.</h1>
            <p className="hero__lede">
              Every piece is shaped from brass, horn, bone and recycled glass in workshops from Kibera to Kisumu, and every maker is paid
              for each piece they finish.
            </p>
            <p className="hero__actions">
              <MarketLink className="button" to="/collections/earrings">
                Shop earrings
              </MarketLink>
              <MarketLink className="button button--ghost" to="/makers">
                Meet the makers
              </MarketLink>
            </p>
          </div>
          {hero ? (
            <figure className="hero__picture">
              <MarketLink to={`/products/${hero.handle}`} tabIndex={-1} aria-hidden="true">
                <Image
                  src={hero.image.url}
                  alt=""
                  width={hero.image.width}
                  height={hero.image.height}
                  loading="eager"
                  sizes="(min-width: 820px) 45vw, 100vw"
                />
              </MarketLink>
              <figcaption>
                Shown: <MarketLink to={`/products/${hero.handle}`}>{hero.title}</MarketLink>
              </figcaption>
            </figure>
          ) : null}
        </div>
      </section>

      <div className="page">
        {collections.length ? (
          <section aria-labelledby="collections-title">
            <h2 id="collections-title">Shop the collections</h2>
            <ul className="collection-tiles">
              {collections.map((collection, index) => (
                <li key={collection.handle}>
                  <MarketLink to={`/collections/${collection.handle}`} className="collection-tile">
                    {collection.image ? (
                      <Image
                        src={collection.image.url}
                        alt=""
                        width={collection.image.width}
                        height={collection.image.height}
                        loading={index < 2 ? "eager" : "lazy"}
                        sizes="(min-width: 1024px) 25vw, 50vw"
                      />
                    ) : (
                      <span className="product-card__placeholder" aria-hidden="true" />
                    )}
                    <span className="collection-tile__title">{collection.title}</span>
                  </MarketLink>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {newArrivals.length ? (
          <section aria-labelledby="new-title">
            <h2 id="new-title">New arrivals</h2>
            <ProductGrid products={newArrivals} label="New arrivals" />
            <PriceNote />
          </section>
        ) : null}

        {makers.length ? (
          <section aria-labelledby="makers-title" className="maker-stories">
            <h2 id="makers-title">The hands behind every piece</h2>
            <ul className="maker-stories__list">
              {makers.map((maker) => (
                <li key={maker.handle}>
                  <MakerCard maker={maker} showCounty={false}>
                    {maker.bio ? <span className="maker-card__bio">{maker.bio}</span> : null}
                    <span className="maker-card__more">Read {maker.firstName}&rsquo;s story</span>
                  </MakerCard>
                </li>
              ))}
            </ul>
            <p>
              <MarketLink to="/makers">Meet all the makers</MarketLink>
            </p>
          </section>
        ) : null}
      </div>
    </div>
  );
}
