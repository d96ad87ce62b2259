import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProductPage } from "~/domain/catalog/index.server";
import { photoNumber, productPhotoPath, sharedPageHeaders } from "~/domain/catalog";
import { isHandle } from "~/domain/images";
import { env } from "~/lib/env.server";
import styles from "~/styles/catalog.css";

/**
 * One product picture enlarged, a page of its own: the gallery's large picture links here, so zoom
 * works without JavaScript (with it, the product page opens the picture in a dialog instead).
 * Shared and cached like the product page, purged with it.
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.title}: photo ${data.n} of ${data.count} | Soko` },
        { name: "robots", content: "noindex" },
        { tagName: "link", rel: "canonical", href: `${data.publicUrl}/products/${data.handle}` },
      ]
    : [{ title: "Soko" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  const product = isHandle(handle) ? await getProductPage(handle, context.purgeKeys) : null;
  const n = product ? photoNumber(params.n, product.images.length) : null;
  if (!product || n === null) throw new Response("We couldn't find that picture.", { status: 404 });
  const image = product.images[n - 1];
  return { handle, title: product.title, n, count: product.images.length, image, publicUrl: env().PUBLIC_URL };
}

export default function ProductPhotoRoute() {
  const { handle, title, n, count, image } = useLoaderData<typeof loader>();
  return (
    <div className="zoom zoom--page">
      <h1 className="visually-hidden">
        {title}: photo {n} of {count}
      </h1>
      <nav aria-label="Photos" className="zoom__nav">
        <Link to={`/products/${handle}#gallery`} className="zoom__close">
          Close
        </Link>
        {count > 1 ? (
          <span className="zoom__steps">
            {n > 1 ? (
              <Link to={productPhotoPath(handle, n - 1)} className="zoom__step" rel="prev">
                Previous<span className="visually-hidden"> photo</span>
              </Link>
            ) : null}
            <span className="zoom__count" aria-hidden="true">
              {n} / {count}
            </span>
            {n < count ? (
              <Link to={productPhotoPath(handle, n + 1)} className="zoom__step" rel="next">
                Next<span className="visually-hidden"> photo</span>
              </Link>
            ) : null}
          </span>
        ) : null}
      </nav>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the enlarged picture scrolls by keyboard (arrows) when focused */}
      <div className="zoom__frame" tabIndex={0}>
        <img src={image.url} alt={`${image.alt || title}, enlarged`} width={image.width} height={image.height} decoding="async" />
      </div>
    </div>
  );
}
