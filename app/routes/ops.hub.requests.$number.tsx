import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { statusWords } from "~/domain/hub";
import type { QcFailure } from "~/features/ops/hub/forms";
import { statusBadgeClass } from "~/features/ops/hub/labels";
import { QcForm } from "~/features/ops/hub/QcForm";
import { RequestFacts } from "~/features/ops/hub/RequestFacts";
import { RequestHistory } from "~/features/ops/hub/RequestHistory";
import { WorkPhoto } from "~/features/ops/hub/WorkPhoto";
import { hubRequestAction, hubRequestNumber, loadHubRequest } from "~/features/ops/hub/request.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.request.number ?? "Request"} · Nairobi hub · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.hub.requests.$number", "loader");
  return withFlash(request, await loadHubRequest(hubRequestNumber(params.number), staff.roles));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.hub.requests.$number", "action");
  const number = hubRequestNumber(params.number);
  const answer = await hubRequestAction(number, await readForm(request), `staff:${staff.id}`);
  if (!answer.ok) return data<QcFailure>(answer.failure, { status: answer.status });
  return redirectWithFlash(request, `/ops/hub/requests/${number}`, { kind: "success", message: answer.message });
}

export default function HubRequest() {
  const { request: r, actors, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as QcFailure | undefined;
  const canReceive = r.status === "ready" || r.status === "collected";
  return (
    <div className="ops-page hub-page">
      <p>
        <Link to="/ops/hub">← Today at the hub</Link> · <Link to="/ops/hub/receive">Receive another</Link>
      </p>
      <p className="eyebrow">Production request</p>
      <h1>{r.number}</h1>
      <p className="hub-status">
        <span className={statusBadgeClass(r.status)}>{statusWords(r.status)}</span>
        {r.late ? <span className="badge badge--warn">late</span> : null}
      </p>

      <FlashNotice flash={flash} />
      {failure?.error ? (
        <p className="notice notice--error" role="alert">
          {failure.error}
        </p>
      ) : null}

      <RequestFacts request={r} />
      <WorkPhoto request={r} />

      {canReceive ? (
        <Form method="post" className="hub-action">
          <h2>Receive</h2>
          <p className="field-hint">
            {r.status === "collected" ? "The rider has brought it. " : "The artisan brought it in (no rider). "}
            Count the pieces: {r.quantity} {r.quantity === 1 ? "is" : "are"} expected.
          </p>
          <SubmitButton intent="receive" className="button hub-big-button">
            Receive {r.number}
          </SubmitButton>
        </Form>
      ) : null}

      {r.status === "received" ? <QcForm quantity={r.quantity} failure={failure?.intent === "inspect" ? failure : null} /> : null}

      <RequestHistory request={r} actors={actors} />
    </div>
  );
}
