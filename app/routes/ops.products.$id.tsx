import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { DetailsForm } from "~/features/ops/products/DetailsForm";
import { ImagesSection } from "~/features/ops/products/ImagesSection";
import { type Failure, STATUS_LABEL } from "~/features/ops/products/product";
import { productAction, productPage } from "~/features/ops/products/product.server";
import { StatusSection } from "~/features/ops/products/StatusSection";
import { VariantsSection } from "~/features/ops/products/VariantsSection";
import { answerRefusals } from "~/lib/refusal.server";
import styles from "~/styles/ops-admin.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "product" in data && data.product ? data.product.title : "New product"} · Products · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.products.$id", "loader");
  return productPage(request, params.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answerRefusals(async () => {
    const staff = await requireOpsStaff(request, "ops.products.$id", "action");
    return productAction(request, params.id, staff);
  });
}

export default function OpsProduct() {
  const { product, variants, images, skills, collections, skillIds, collectionIds, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;

  return (
    <div className="ops-page ops-admin">
      <p>
        <Link to="/ops/products">← All products</Link>
      </p>
      <div className="ops-admin__head">
        <h1>{product ? product.title : "New product"}</h1>
        {product ? (
          <span className={`badge ${product.status === "active" ? "badge--ok" : product.status === "archived" ? "badge--bad" : ""}`}>
            {STATUS_LABEL[product.status]}
          </span>
        ) : null}
      </div>
      <FlashNotice flash={flash} />
      {failure && Object.keys(failure.errors).length ? (
        <p className="notice notice--error" role="alert">
          Please fix the {Object.keys(failure.errors).length === 1 ? "field" : "fields"} marked below.
        </p>
      ) : null}

      {product ? <StatusSection product={product} failure={failure} /> : null}
      <DetailsForm
        product={product}
        skills={skills}
        collections={collections}
        skillIds={skillIds}
        collectionIds={collectionIds}
        failure={failure}
      />
      {product ? (
        <>
          <VariantsSection variants={variants} failure={failure} />
          <ImagesSection images={images} failure={failure} />
        </>
      ) : null}
    </div>
  );
}
