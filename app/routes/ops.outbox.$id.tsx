import { OpsTime } from "~/features/ops/shared/OpsTime";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { getOutboxMessage, retryFailedEmail } from "~/domain/notifications/index.server";
import { idOrNull, readForm } from "~/lib/validation";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? "Message"} · Outbox · Soko operations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.outbox.$id", "loader");
  const row = await getOutboxMessage(messageId(params.id));
  if (!row) throw new Response("There is no message with that number.", { status: 404 });
  return {
    message: {
      id: row.id,
      channel: row.channel,
      to: row.to,
      subject: row.subject,
      template: row.template,
      status: row.status,
      attempts: row.attempts,
      providerRef: row.providerRef,
      lastError: row.lastError,
      dedupeKey: row.dedupeKey,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      text: row.text,
      // Links in the preview open in the whole tab, so a person testing locally can follow them.
      previewHtml: row.html ? withTopTarget(row.html) : null,
    },
  };
}

/** Retry: a failed email goes back to the queue with a fresh job. */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.outbox.$id", "action");
  const id = messageId(params.id);
  const form = await readForm(request);
  if (form.get("intent") !== "retry") return data({ error: "Unknown action." }, { status: 400 });
  if (!(await retryFailedEmail(id, `staff:${staff.id}`))) {
    return data({ error: "Only a failed email can be sent again." }, { status: 409 });
  }
  return redirect(`/ops/outbox/${id}`);
}

export default function OpsOutboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const heading = message.subject || (message.channel === "sms" ? `SMS to ${message.to}` : "(no subject)");
  return (
    <div className="ops-page">
      <p>
        <Link to="/ops/outbox">← Outbox</Link>
      </p>
      <p className="eyebrow">
        {message.channel === "sms" ? "SMS" : "Email"} #{message.id}
      </p>
      <h1 className="ops-message__title">{heading}</h1>
      <dl className="ops-meta">
        <div>
          <dt>To</dt>
          <dd>{message.to}</dd>
        </div>
        <div>
          <dt>Template</dt>
          <dd>
            <code>{message.template}</code>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span
              className={`badge ${message.status === "failed" ? "badge--bad" : message.status === "queued" ? "badge--warn" : "badge--ok"}`}
            >
              {message.status}
            </span>
          </dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{message.attempts}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <OpsTime iso={message.createdAt} seconds />
          </dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd>{message.sentAt ? <OpsTime iso={message.sentAt} seconds /> : "—"}</dd>
        </div>
        {message.providerRef ? (
          <div>
            <dt>Provider reference</dt>
            <dd>
              <code>{message.providerRef}</code>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Dedupe key</dt>
          <dd>
            <code>{message.dedupeKey}</code>
          </dd>
        </div>
      </dl>
      {actionData?.error ? (
        <p className="notice notice--error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {message.lastError ? (
        <p className="notice notice--error">
          <strong>Last error:</strong> {message.lastError}
        </p>
      ) : null}
      {message.channel === "email" && message.status === "failed" ? (
        <Form method="post" className="ops-message__retry">
          <input type="hidden" name="intent" value="retry" />
          <button type="submit" className="button button--small">
            Send again
          </button>
        </Form>
      ) : null}

      {message.previewHtml ? (
        <section aria-labelledby="html-heading">
          <h2 id="html-heading">As the recipient sees it</h2>
          <iframe
            className="ops-email-frame"
            title={`Email preview: ${heading}`}
            srcDoc={message.previewHtml}
            // No scripts, no same-origin access; a click on a link may navigate this tab or open a new one.
            sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
          />
        </section>
      ) : null}
      <section aria-labelledby="text-heading">
        <h2 id="text-heading">{message.channel === "sms" ? "Message" : "Plain-text part"}</h2>
        <pre className="ops-message-text">{message.text}</pre>
      </section>
    </div>
  );
}

function messageId(param: string | undefined) {
  const id = idOrNull(param);
  if (!id) throw new Response("There is no message with that number.", { status: 404 });
  return id;
}

/** Adds `<base target="_top">` so links inside the sandboxed preview leave the frame. */
function withTopTarget(html: string) {
  const base = '<base target="_top">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`;
}
