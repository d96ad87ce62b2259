import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ReviewForm } from "~/features/storefront/reviews/ReviewForm";
import { ReviewLines } from "~/features/storefront/reviews/ReviewLines";
import { reviewPageAction, reviewPageLoader, type ReviewActionData } from "~/features/storefront/reviews/review-page.server";
import styles from "~/styles/reviews.css";
import { FlashNotice } from "~/components/ui/Notice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Review your pieces from order ${data.order.number} · Soko` : "Review your pieces · Soko" },
  { name: "robots", content: "noindex" },
];
// The link's token is in the URL: never cached, never sent to another site as a referrer. (Not
// "no-referrer": with it the browser sends `Origin: null` on the page's own form, refused as cross-site.)
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return reviewPageLoader(request, params.number);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return reviewPageAction(request, params.number);
}

export default function ReviewPage() {
  const { order, pagePath, lines, editing, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ReviewActionData | undefined;
  return (
    <div className="page review-page">
      <FlashNotice flash={flash} />
      <p className="eyebrow">Order {order.number}</p>
      <h1>Review your pieces</h1>
      <p className="muted review-page__intro">
        Tell other shoppers how your pieces look and wear. Each one was made by hand in Kenya, and we pass your words on to the artisan who
        made it.
      </p>
      {editing ? (
        <section id="review-form" className="review-page__form">
          {editing.blocked ? (
            <>
              <p className="notice" role="status">
                {editing.blocked}
              </p>
              <p>
                <Link to={pagePath}>Back to your pieces</Link>
              </p>
            </>
          ) : (
            <ReviewForm
              key={editing.id}
              action={editing.formPath}
              cancelPath={`${pagePath}#line-${editing.id}`}
              pieceTitle={editing.productTitle}
              existing={editing.review}
              defaultAuthorName={order.defaultAuthorName}
              errors={actionData?.errors}
              values={actionData?.values}
            />
          )}
        </section>
      ) : null}
      {lines.length === 0 ? (
        <div className="empty-state">
          <p>This order has no pieces to review.</p>
        </div>
      ) : (
        <ReviewLines lines={lines} delivered={order.delivered} editingId={editing?.id} />
      )}
    </div>
  );
}
