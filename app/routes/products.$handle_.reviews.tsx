import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MarketLink } from "~/components/commerce/market";
import { getProductPage } from "~/domain/catalog/index.server";
import { sharedPageHeaders } from "~/domain/catalog";
import { isHandle } from "~/domain/images";
import { productReviewsPath } from "~/domain/reviews";
import { listPageOf } from "~/lib/fields";
import { productReviews } from "~/domain/reviews/index.server";
import { ProductReviews } from "~/features/storefront/reviews/ProductReviews";
import { env } from "~/lib/env.server";
import reviewStyles from "~/styles/reviews.css";

/**
 * All of a product's reviews, helpful-first, a page at a time (`?page=N`, plain links: works without
 * JavaScript); the product page shows the most helpful few and links here. Shared and cached like the
 * product page, purged with its reviews.
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reviewStyles }];
export const headers = sharedPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `Reviews of ${data.title}${data.reviews.page > 1 ? `, page ${data.reviews.page}` : ""} | Soko` },
        {
          name: "description",
          content:
            data.reviews.summary.average === null
              ? `Reviews of ${data.title} from verified buyers.`
              : `${data.title}: rated ${data.reviews.summary.average.toFixed(1)} of 5 in ${data.reviews.summary.count} reviews from verified buyers.`,
        },
        { tagName: "link", rel: "canonical", href: `${data.publicUrl}${productReviewsPath(data.handle, data.reviews.page)}` },
      ]
    : [{ title: "Soko" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const handle = params.handle ?? "";
  const product = isHandle(handle) ? await getProductPage(handle, context.purgeKeys) : null;
  if (!product) throw new Response("We couldn't find that piece. It may have sold out or moved.", { status: 404 });
  const page = listPageOf(new URL(request.url).searchParams);
  // Shared by everyone who sees the page (it is cached): nothing about who is asking.
  const reviews = await productReviews(product.id, page, context.purgeKeys);
  return { handle, title: product.title, reviews, publicUrl: env().PUBLIC_URL };
}

export default function ProductReviewsRoute() {
  const { handle, title, reviews } = useLoaderData<typeof loader>();
  return (
    <div className="page reviews-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <MarketLink to={`/products/${handle}`}>{title}</MarketLink> <span aria-hidden="true">/</span> Reviews
      </nav>
      <h1 id="reviews">Reviews of {title}</h1>
      <ProductReviews reviews={reviews} productTitle={title} handle={handle} all />
    </div>
  );
}
