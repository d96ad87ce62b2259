import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { reviewQueueFilterSchema, type ReviewStatus } from "~/domain/reviews";
import { reviewQueue } from "~/domain/reviews/index.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { Stars } from "~/features/storefront/reviews/Stars";
import { withFlash } from "~/lib/flash.server";
import { parseWith } from "~/lib/validation";
import styles from "~/styles/reviews.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Reviews · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.reviews._index", "loader");
  const parsed = parseWith(reviewQueueFilterSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const filter = parsed.data;
  const queue = await reviewQueue(filter);
  return withFlash(request, { filter, ...queue });
}

const TABS: Array<{ status: ReviewStatus; label: string }> = [
  { status: "pending", label: "To read" },
  { status: "approved", label: "Published" },
  { status: "rejected", label: "Rejected" },
];

export default function OpsReviews() {
  const { filter, rows, total, page, pageCount, flash } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page">
      <FlashNotice flash={flash} />
      <h1>Reviews</h1>
      <p className="muted">
        Buyers' reviews wait here until someone reads them. Only published reviews show on product pages; a rejected review's buyer sees the
        reason you give.
      </p>
      <nav aria-label="Review states" className="review-tabs">
        {TABS.map((tab) => (
          <Link
            key={tab.status}
            to={tab.status === "pending" ? "/ops/reviews" : `/ops/reviews?status=${tab.status}`}
            aria-current={filter.status === tab.status ? "page" : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="reviews">
          <h2>{filter.status === "pending" ? "Nothing to read" : `No ${filter.status} reviews`}</h2>
          <p className="muted">
            {filter.status === "pending"
              ? "New reviews arrive as buyers answer the email sent a week after delivery."
              : "Reviews you decide on are listed here, the latest first."}
          </p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "review" : "reviews"}
            {filter.status === "pending" ? ", oldest first" : ""}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Reviews">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Written</th>
                  <th scope="col">Review</th>
                  <th scope="col">Stars</th>
                  <th scope="col">Piece</th>
                  <th scope="col">By</th>
                  <th scope="col">Order</th>
                  <th scope="col">Photos</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <OpsTime iso={row.createdAt} />
                    </td>
                    <td>
                      <Link to={`/ops/reviews/${row.id}`}>{row.title}</Link>
                    </td>
                    <td>
                      <Stars rating={row.rating} />
                    </td>
                    <td>{row.productTitle}</td>
                    <td>{row.authorName}</td>
                    <td>
                      <Link to={`/ops/orders/${encodeURIComponent(row.orderNumber)}`}>{row.orderNumber}</Link>
                    </td>
                    <td>{row.photoCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Review pages" />
    </div>
  );
}
