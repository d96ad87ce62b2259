import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import { FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { rejectFormSchema } from "~/domain/reviews";
import { approveReview, rejectReview, reviewForModeration } from "~/domain/reviews/index.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { Stars } from "~/features/storefront/reviews/Stars";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { isRefusal } from "~/lib/refusal";
import { idOrNull, parseWith, readForm } from "~/lib/validation";
import styles from "~/styles/reviews.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.review.title ?? "Review"} · Reviews · Soko operations` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.reviews.$id", "loader");
  const review = await reviewForModeration(reviewId(params.id));
  if (!review) throw new Response("There is no review with that number.", { status: 404 });
  return withFlash(request, { review });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.reviews.$id", "action");
  const id = reviewId(params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    if (intent === "approve") {
      const { productHandle } = await approveReview(id, staff);
      return redirectWithFlash(request, "/ops/reviews", {
        kind: "success",
        message: `Published: it shows on /products/${productHandle} now.`,
      });
    }
    if (intent === "reject") {
      const parsed = parseWith(rejectFormSchema, form);
      if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
      await rejectReview(id, parsed.data.reason, staff);
      return redirectWithFlash(request, "/ops/reviews", { kind: "success", message: "Rejected: the buyer sees your reason." });
    }
  } catch (error) {
    if (isRefusal(error) && error.status === 409)
      return data({ errors: { form: error.message }, values: {} as Record<string, string> }, { status: 409 });
    if (isRefusal(error)) throw new Response(error.message, { status: error.status });
    throw error;
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function OpsReview() {
  const { review, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/reviews">← Reviews</Link>
      </p>
      <FlashNotice flash={flash} />
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <p className="eyebrow">
        Review #{review.id} · {review.status === "pending" ? "to read" : review.status === "approved" ? "published" : "rejected"}
      </p>
      <h1>{review.title}</h1>
      <div className="review-moderation">
        <div className="review-moderation__text">
          <p>
            <Stars rating={review.rating} /> by <strong>{review.authorName}</strong> ({review.email})
          </p>
          <p className="review-body">{review.body}</p>
          {review.photos.length ? (
            <ul className="review-photos">
              {review.photos.map((photo, i) => (
                <li key={photo.id}>
                  <a href={photo.url}>
                    <Image src={photo.url} alt={`Buyer's photo ${i + 1}`} width={200} height={200} sizes="200px" className="review-photo" />
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No photos.</p>
          )}
          <dl className="ops-meta">
            <div>
              <dt>Piece</dt>
              <dd>
                <Link to={`/products/${review.product.handle}`}>{review.product.title}</Link> ({review.lineTitle})
              </dd>
            </div>
            <div>
              <dt>Maker</dt>
              <dd>{review.maker?.text ?? "From stock (no maker recorded)"}</dd>
            </div>
            <div>
              <dt>Order</dt>
              <dd>
                <Link to={`/ops/orders/${encodeURIComponent(review.orderNumber)}`}>{review.orderNumber}</Link>
              </dd>
            </div>
            <div>
              <dt>Written</dt>
              <dd>
                <OpsTime iso={review.createdAt} />
                {review.updatedAt !== review.createdAt && review.status === "pending" ? (
                  <>
                    {" "}
                    (changed <OpsTime iso={review.updatedAt} />)
                  </>
                ) : null}
              </dd>
            </div>
            {review.moderatedAt ? (
              <div>
                <dt>Decided</dt>
                <dd>
                  <OpsTime iso={review.moderatedAt} /> by {review.moderatedBy ?? "—"}
                </dd>
              </div>
            ) : null}
            {review.rejectionReason ? (
              <div>
                <dt>Reason given</dt>
                <dd>{review.rejectionReason}</dd>
              </div>
            ) : null}
          </dl>
        </div>
        <div className="review-moderation__decide">
          {review.status === "pending" ? (
            <Form method="post" aria-label="Publish">
              <h2>Publish</h2>
              <p className="muted">It shows on the product page at once, with the maker's name.</p>
              <SubmitButton intent="approve" busyLabel="Publishing…">
                Approve and publish
              </SubmitButton>
            </Form>
          ) : null}
          {review.status !== "rejected" ? (
            <Form method="post" aria-label="Reject" noValidate>
              <h2>{review.status === "approved" ? "Take it down" : "Reject"}</h2>
              <div className="field">
                <label htmlFor="reject-reason">Reason (the buyer reads this)</label>
                <textarea
                  id="reject-reason"
                  name="reason"
                  rows={3}
                  maxLength={500}
                  required
                  defaultValue={actionData?.values?.reason ?? ""}
                  aria-invalid={errors.reason ? true : undefined}
                  aria-describedby={errors.reason ? "reject-reason-error" : undefined}
                />
                <FieldError id="reject-reason-error" message={errors.reason} />
              </div>
              <p className="muted">Its photos are deleted.</p>
              <SubmitButton intent="reject" danger busyLabel="Rejecting…">
                {review.status === "approved" ? "Take down" : "Reject"}
              </SubmitButton>
            </Form>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function reviewId(param: string | undefined) {
  const id = idOrNull(param);
  if (!id) throw new Response("There is no review with that number.", { status: 404 });
  return id;
}
