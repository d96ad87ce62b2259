import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import type { Failure } from "~/features/ops/artisans/artisan";
import { artisanAction, artisanPage } from "~/features/ops/artisans/artisan.server";
import { NumbersSection } from "~/features/ops/artisans/NumbersSection";
import { Performance } from "~/features/ops/artisans/Performance";
import { ProfileForm } from "~/features/ops/artisans/ProfileForm";
import { StatusSection } from "~/features/ops/artisans/StatusSection";
import { answerRefusals } from "~/lib/refusal.server";
import styles from "~/styles/ops-admin.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.detail ? `${data.detail.artisan.firstName} ${data.detail.artisan.lastName}` : "Onboard an artisan"} · Artisans · Soko operations`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.artisans.$id", "loader");
  return artisanPage(request, params.id, staff);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return answerRefusals(async () => {
    const staff = await requireOpsStaff(request, "ops.artisans.$id", "action");
    return artisanAction(request, params.id, staff);
  });
}

export default function OpsArtisan() {
  const { skills, places, detail, can, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const a = detail?.artisan;

  return (
    <div className="ops-page ops-admin">
      <p>
        <Link to="/ops/artisans">← All artisans</Link>
      </p>
      <div className="ops-admin__head">
        <h1>{a ? `${a.firstName} ${a.lastName}` : "Onboard an artisan"}</h1>
        {a ? a.active ? <span className="badge badge--ok">Active</span> : <span className="badge badge--bad">Inactive</span> : null}
      </div>
      <FlashNotice flash={flash} />
      {failure && Object.keys(failure.errors).length ? (
        <p className="notice notice--error" role="alert">
          Please fix the {Object.keys(failure.errors).length === 1 ? "field" : "fields"} marked below.
        </p>
      ) : null}

      {detail?.performance ? <Performance detail={detail} /> : null}
      {a ? (
        <NumbersSection
          phone={a.phone}
          payoutPhone={a.payoutPhone}
          canChange={can.numbers}
          failure={failure?.intent === "numbers" ? failure : undefined}
        />
      ) : null}
      {can.profile ? (
        <ProfileForm skills={skills} places={places} detail={detail} failure={failure?.intent === "profile" ? failure : undefined} />
      ) : null}
      {a && can.status ? (
        <StatusSection
          active={a.active}
          name={`${a.firstName} ${a.lastName}`}
          error={failure?.intent === "deactivate" ? failure.errors.confirm : undefined}
        />
      ) : null}
    </div>
  );
}
