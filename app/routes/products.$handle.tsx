import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddToBagForm } from "~/components/catalog/AddToBagForm";
import { JsonLd } from "~/components/catalog/JsonLd";
import { MakerCard } from "~/components/catalog/MakerCard";
import { ProductGallery } from "~/components/catalog/ProductGallery";
import { ProductGrid } from "~/components/commerce/ProductCard";
import { getProductPage } from "~/domain/catalog/index.server";
import { CATEGORY_TITLES, initialVariantId, productSeo } from "~/domain/catalog";
import { seoMeta } from "~/domain/catalog";
import { isHandle } from "~/domain/images";
import { env } from "~/lib/env.server";
import styles from "~/styles/catalog.css";
import { sharedPageHeaders } from "~/domain/catalog";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;

// SEO tags and JSON-LD are derived from the product where they are rendered, not shipped as loader
// data: the page would otherwise carry the same facts twice (and the JSON-LD string escaped twice).
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data ? productSeo(data.product, data.publicUrl).seo : undefined);

export async function loader({ params, request }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  const product = isHandle(handle) ? await getProductPage(handle) : null;
  if (!product) throw new Response("We couldn't find that piece. It may have sold out or moved.", { status: 404 });
  const selectedVariantId = initialVariantId(product.variants, new URL(request.url).searchParams.get("variant"));
  return { product, selectedVariantId, publicUrl: env().PUBLIC_URL };
}

export default function ProductRoute() {
  const { product, selectedVariantId, publicUrl } = useLoaderData<typeof loader>();
  const { jsonLd } = productSeo(product, publicUrl);
  const category = CATEGORY_TITLES[product.category] ?? product.category;
  return (
    <div className="page product-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> <span aria-hidden="true">/</span> <Link to={`/collections/${product.category}`}>{category}</Link>
      </nav>
      <div className="product-layout">
        <ProductGallery images={product.images} title={product.title} />
        <div className="product-info">
          <p className="eyebrow">{category} · handmade in Kenya</p>
          <h1>{product.title}</h1>
          {product.variants.length > 0 && selectedVariantId !== null ? (
            <AddToBagForm key={product.id} variants={product.variants} initialVariantId={selectedVariantId} />
          ) : (
            <p className="notice">This piece is not available to order right now.</p>
          )}
          {product.story ? (
            <div className="product-story">
              <p>{product.story}</p>
            </div>
          ) : null}
          <dl className="product-facts">
            {product.materials.length ? (
              <>
                <dt>Materials</dt>
                <dd>{product.materials.map(capitalize).join(", ")}</dd>
              </>
            ) : null}
            {product.care ? (
              <>
                <dt>Care</dt>
                <dd>{product.care}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </div>

      {product.makers.length ? (
        <section aria-labelledby="made-by" className="made-by">
          <h2 id="made-by">Made by</h2>
          <p className="muted">Each piece is made by hand by one of these artisans, or another with the same skills, when you order it.</p>
          <ul className="maker-list">
            {product.makers.map((maker) => (
              <li key={maker.handle}>
                <MakerCard maker={maker} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {product.related.length ? (
        <section aria-labelledby="related">
          <h2 id="related">More {category.toLowerCase()}</h2>
          <ProductGrid products={product.related} label={`More ${category.toLowerCase()}`} />
        </section>
      ) : null}
      <JsonLd json={jsonLd} />
    </div>
  );
}

function capitalize(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
