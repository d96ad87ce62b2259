import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { BULK_UNDO_MINUTES } from "~/domain/catalog";
import { bulkAction, bulkReview } from "~/features/ops/products/bulk.server";
import styles from "~/styles/ops-admin.css";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Review a bulk edit · Products · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.products.bulk", "loader");
  return bulkReview(request);
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.products.bulk", "action");
  return bulkAction(request, staff);
}

const count = (n: number, word: string) => `${n.toLocaleString("en-US")} ${n === 1 ? word : `${word}s`}`;

export default function OpsProductsBulk() {
  const review = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as { error?: string } | undefined;
  const { search } = useLocation();

  if (!review.ok)
    return (
      <div className="ops-page ops-admin">
        <p>
          <Link to={review.back}>← Back to the products</Link>
        </p>
        <h1>This bulk edit can't be reviewed yet</h1>
        <ul className="notice notice--error bulk-errors" role="alert">
          {Object.values(review.errors).map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
        <p>
          <Link to={review.back} className="button button--ghost">
            Back to the products
          </Link>
        </p>
      </div>
    );

  const { preview, fields, back } = review;
  const { plan } = preview;
  const blocked = plan.refusals.length > 0;
  return (
    <div className="ops-page ops-admin">
      <p>
        <Link to={back}>← Back to the products</Link>
      </p>
      <h1>Review the bulk edit</h1>
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}
      <dl className="bulk-summary">
        <div>
          <dt>Change</dt>
          <dd>{preview.summary}</dd>
        </div>
        <div>
          <dt>Products selected</dt>
          <dd>{preview.selected.toLocaleString("en-US")}</dd>
        </div>
        <div>
          <dt>Will change</dt>
          <dd>
            {count(plan.changedProducts, "product")}
            {plan.changeCount !== plan.changedProducts ? ` (${count(plan.changeCount, "variant")})` : ""}
          </dd>
        </div>
        <div>
          <dt>Left as they are</dt>
          <dd>
            {plan.unchangedCount === 0
              ? "None"
              : `${count(plan.unchangedCount, "product")}: ${plan.unchangedFirst.map((u) => `${u.title} (${u.reason})`).join(", ")}${plan.unchangedCount > plan.unchangedFirst.length ? "…" : ""}`}
          </dd>
        </div>
      </dl>

      {blocked ? (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>These products refuse this change, so nothing can be applied.</strong> Go back and untick them, or choose another
            change.
          </p>
          <ul>
            {plan.refusals.map((r) => (
              <li key={`${r.productId}-${r.message}`}>
                {r.title}: {r.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {preview.rows.length ? (
        <>
          <h2 className="bulk-preview__title">
            {preview.rows.length < plan.changeCount
              ? `The first ${preview.rows.length} of ${plan.changeCount.toLocaleString("en-US")} changes`
              : "Every change"}
          </h2>
          <ScrollRegion className="ops-table-wrap bulk-preview" label="What will change">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Variant</th>
                  <th scope="col">Now</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the rows are a fixed list for this page
                  <tr key={i}>
                    <td>{row.title}</td>
                    <td>{row.variantTitle ?? <span className="muted">—</span>}</td>
                    <td>{row.from}</td>
                    <td>
                      <strong>{row.to}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      ) : (
        <p className="notice">Nothing would change: every selected product is already so.</p>
      )}

      <Form method="post" action={`/ops/products/bulk${search}`} className="bulk-confirm">
        {fields.map(([name, value], i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: repeated names (ids) keep their order
          <input key={i} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="count" value={preview.selected} />
        <p className="muted">
          All or nothing: if any product refuses when it is applied, none is changed. Storefront pages showing these products are refreshed
          at once, and the edit can be undone for {BULK_UNDO_MINUTES} minutes from the products list.
        </p>
        <div className="bulk-confirm__actions">
          <SubmitButton intent="apply" busyLabel="Applying…" disabled={blocked || plan.changedProducts === 0}>
            Apply to {count(plan.changedProducts, "product")}
          </SubmitButton>
          <Link to={back} className="button button--ghost">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  );
}
