import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { statusWords } from "~/domain/production";
import { ProductionFacts } from "~/features/ops/production/ProductionFacts";
import { ProductionHistory } from "~/features/ops/production/ProductionHistory";
import { ReassignSection } from "~/features/ops/production/ReassignSection";
import { loadProductionRequest, productionRequestNumber, reassignFromForm } from "~/features/ops/production/request.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { answerRefusals } from "~/lib/refusal.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ params }) => [{ title: `${params.number} · Production · Soko operations` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production.$number", "loader");
  const url = new URL(request.url);
  return withFlash(request, await loadProductionRequest(productionRequestNumber(params.number), staff.roles, url.searchParams));
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production.$number", "action");
  const number = productionRequestNumber(params.number);
  const answer = await reassignFromForm(number, await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data({ error: answer.error }, { status: answer.status });
  return redirectWithFlash(request, `/ops/production/${answer.requestNumber}`, { kind: "success", message: answer.message });
}

export default function ProductionRequest() {
  const { request, skills, holder, blocked, candidates, search, history, actors, canAct, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();

  return (
    <div className="ops-page ops-admin">
      <p>
        <Link to="/ops/production">← Production board</Link>
      </p>
      <div className="ops-admin__head">
        <h1>{request.number}</h1>
        <span className="badge">{statusWords(request.status)}</span>
        {request.late ? <span className="badge badge--bad">Late</span> : null}
      </div>
      <FlashNotice flash={flash} />

      <ProductionFacts request={request} skills={skills} holder={holder} />

      {canAct ? (
        <ReassignSection
          request={request}
          skills={skills}
          blocked={blocked}
          candidates={candidates}
          search={search}
          error={failure?.error}
        />
      ) : null}

      <ProductionHistory history={history} actors={actors} />
    </div>
  );
}
