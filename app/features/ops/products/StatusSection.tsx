import { Form, Link } from "@remix-run/react";
import { type Failure, STOREFRONT_DELAY } from "./product";

/** Where the product is for sale, and the buttons that publish, unpublish or archive it. */
export function StatusSection({ product, failure }: { product: { status: string; handle: string }; failure: Failure | undefined }) {
  return (
    <section className="ops-admin__section" aria-labelledby="status-title">
      <h2 id="status-title">Status</h2>
      <p className="muted">
        {product.status === "active" ? (
          <>
            On sale at <Link to={`/products/${product.handle}`}>/products/{product.handle}</Link>.{" "}
          </>
        ) : (
          "Not for sale. "
        )}
        {STOREFRONT_DELAY}
      </p>
      {failure?.intent === "status" ? (
        <p className="field-error" role="alert">
          {failure.errors.status}
        </p>
      ) : null}
      <div className="ops-admin__actions">
        {product.status !== "active" ? <StatusButton status="active" label="Publish" /> : null}
        {product.status !== "draft" ? <StatusButton status="draft" label="Unpublish" ghost /> : null}
        {product.status !== "archived" ? <StatusButton status="archived" label="Archive" ghost /> : null}
      </div>
    </section>
  );
}

function StatusButton({ status, label, ghost }: { status: string; label: string; ghost?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="status" value={status} />
      <button type="submit" className={`button button--small${ghost ? " button--ghost" : ""}`}>
        {label}
      </button>
    </Form>
  );
}
