import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Money } from "~/components/commerce/Money";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { mayAct } from "~/domain/accounts";
import { CHANNEL_LABEL, statusWords } from "~/domain/production";
import { reassignRequest, reassignView } from "~/domain/production/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import styles from "~/styles/ops-admin.css";
import { answerRefusals } from "~/lib/refusal.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ params }) => [{ title: `${params.number} · Production · Soko operations` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production.$number", "loader");
  const number = requestNumber(params.number);
  const view = await reassignView(number);
  if (!view) throw new Response(`There is no production request ${number}.`, { status: 404 });
  return withFlash(request, { ...view, canAct: mayAct("ops.production.$number", staff.roles) });
}

export async function action(args: ActionFunctionArgs) {
  return answerRefusals(() => act(args));
}

async function act({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.production.$number", "action");
  const number = requestNumber(params.number);
  const parsed = parseWith(reassignSchema, await readForm(request));
  if (!parsed.ok) return data({ error: parsed.errors.artisanId ?? "Choose an artisan." }, { status: 400 });
  const result = await reassignRequest({ number, artisanId: parsed.data.artisanId, actor: `staff:${staff.id}` });
  if (!result.ok) return data({ error: result.message }, { status: 422 });
  const message = result.replacedNumber
    ? `${result.replacedNumber} was cancelled and replaced by ${result.requestNumber}, offered to ${result.artisanName} by SMS. ${result.replacedNumber}'s artisan was told to stop.`
    : `${result.requestNumber} offered to ${result.artisanName}; they have 24 hours to accept and were sent an SMS.`;
  return redirectWithFlash(request, `/ops/production/${result.requestNumber}`, { kind: "success", message });
}

export default function ProductionRequest() {
  const { request, skills, holder, blocked, candidates, history, canAct, flash } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const inTime = candidates.filter((c) => c.inTime);
  const later = candidates.filter((c) => !c.inTime);

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
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}

      <dl className="ops-meta">
        <div>
          <dt>Product</dt>
          <dd>
            {request.product} · {request.variant} <span className="muted">({request.sku})</span>
          </dd>
        </div>
        <div>
          <dt>Units</dt>
          <dd>
            {request.quantity}
            {request.unitsMade ? `, ${request.unitsMade} made` : ""}
          </dd>
        </div>
        <div>
          <dt>Due at the hub</dt>
          <dd>{request.dueDate}</dd>
        </div>
        <div>
          <dt>Piece rate</dt>
          <dd>
            <Money value={{ amount: request.pieceRate, currency: request.pieceRateCurrency }} />
          </dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>
            {request.orderNumber ? (
              <>
                <Link to={`/ops/orders/${request.orderNumber}`}>{request.orderNumber}</Link> ·{" "}
                {request.channel ? CHANNEL_LABEL[request.channel] : ""}
              </>
            ) : (
              "Stock (no order)"
            )}
          </dd>
        </div>
        <div>
          <dt>Skills needed</dt>
          <dd>{skills.length ? skills.map((s) => s.name).join(", ") : "None set"}</dd>
        </div>
        <div>
          <dt>With</dt>
          <dd>
            {holder ? (
              <>
                <Link to={`/ops/artisans/${holder.id}`}>{holder.name}</Link> · {holder.settlement}, {holder.county}
              </>
            ) : (
              "Nobody"
            )}
          </dd>
        </div>
        {request.offerExpiresAt ? (
          <div>
            <dt>Offer expires</dt>
            <dd>{request.offerExpiresAt.slice(0, 16).replace("T", " ")} UTC</dd>
          </div>
        ) : null}
      </dl>

      {canAct ? (
        <section className="ops-admin__section" aria-labelledby="reassign-title">
          <h2 id="reassign-title">Reassign</h2>
          {blocked ? (
            <p className="notice">{blocked}</p>
          ) : !skills.length ? (
            <p className="notice">
              This product has no skills set, so nobody can be matched to it.{" "}
              <Link to={`/ops/products/${request.productId}`}>Set its skills</Link> first.
            </p>
          ) : candidates.length === 0 ? (
            <p className="notice">
              No active artisan with these skills has capacity left this week. Try again after offers come back, or onboard more artisans.
            </p>
          ) : (
            <Form method="post">
              <p className="muted">
                Ranked by the dispatch engine (quality, then who has earned least lately, then distance to the hub). The artisan gets an
                offer by SMS and 24 hours to accept.
                {request.status === "offered" ? " The current offer is withdrawn." : null}
                {request.status === "accepted" || request.status === "in_progress"
                  ? " The accepted request is cancelled and replaced by a new one for the same order; its artisan is told by SMS to stop."
                  : null}
              </p>
              {failure ? (
                <p className="notice notice--error" role="alert">
                  {failure.error}
                </p>
              ) : null}
              <fieldset className="field">
                <legend>Offer it to</legend>
                <CandidateList
                  title="Can have it ready by the due date"
                  list={inTime}
                  quantity={request.quantity - request.unitsMade}
                  first
                />
                <CandidateList
                  title="Would finish after the due date"
                  list={later}
                  quantity={request.quantity - request.unitsMade}
                  first={inTime.length === 0}
                />
              </fieldset>
              <button type="submit" className="button" disabled={busy}>
                {busy ? "Offering…" : "Offer to this artisan"}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <section className="ops-admin__section" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol className="ops-admin__history">
          {history.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{e.at.slice(0, 16).replace("T", " ")} UTC</time> · {e.from ? `${statusWords(e.from)} → ` : ""}
              <strong>{statusWords(e.to)}</strong> · <span className="muted">{e.actor}</span>
              {e.note ? <div className="muted">{e.note}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

type CandidateRow = {
  artisanId: number;
  name: string;
  county: string;
  settlement: string;
  qualityScore: number;
  quantity: number;
  readyBy: string;
  remainingCapacity: number;
};

function CandidateList({ title, list, quantity, first }: { title: string; list: CandidateRow[]; quantity: number; first: boolean }) {
  if (!list.length) return null;
  return (
    <>
      <h3 className="ops-admin__sub">{title}</h3>
      <ul className="board-candidates">
        {list.map((c, i) => (
          <li key={c.artisanId} className="board-candidate">
            <label>
              <input type="radio" name="artisanId" value={c.artisanId} defaultChecked={first && i === 0} required />
              {c.name}
            </label>
            <span className="muted">
              {c.settlement}, {c.county}
            </span>
            <span className="muted">QC {(c.qualityScore / 100).toFixed(0)}%</span>
            <span className="muted">{c.remainingCapacity} left this week</span>
            <span className="muted">ready by {c.readyBy}</span>
            {c.quantity < quantity ? (
              <span className="badge badge--warn">
                capacity for {c.quantity} of {quantity}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

const reassignSchema = z.object({
  artisanId: z.coerce
    .number({ invalid_type_error: "Choose an artisan." })
    .int("Choose an artisan.")
    .positive("Choose an artisan.")
    .max(2_147_483_647, "Choose an artisan."),
});

function requestNumber(raw: string | undefined) {
  if (!raw || !/^PR-\d{1,12}$/.test(raw)) throw new Response("There is no production request with this number.", { status: 404 });
  return raw;
}
