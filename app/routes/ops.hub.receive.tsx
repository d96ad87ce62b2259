import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { requestStatus } from "~/domain/hub/index.server";
import { lookupSchema } from "~/domain/hub";
import { normalizeReturnNumber } from "~/domain/returns";
import { parseWith } from "~/lib/validation";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Receive a delivery · Nairobi hub · Soko operations" }];

/**
 * The scan field: a USB scanner types the label's number and presses Enter, which submits this
 * GET form. A known number opens its request; anything else stays here with the message.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.hub.receive", "loader");
  const params = new URL(request.url).searchParams;
  if (!params.has("number")) return { typed: "", error: null };
  const typed = params.get("number") ?? "";
  // A shopper's parcel: its return number (RT-…) opens the return, to receive and check it.
  const returnNumber = normalizeReturnNumber(typed);
  if (returnNumber) return redirect(`/ops/returns/${returnNumber}`);
  const parsed = parseWith(lookupSchema, params);
  if (!parsed.ok) return data({ typed, error: parsed.errors.number ?? "Enter a request number." }, { status: 400 });
  const status = await requestStatus(parsed.data.number);
  if (!status)
    return data({ typed, error: `There is no production request ${parsed.data.number}. Check the number on the label.` }, { status: 404 });
  return redirect(`/ops/hub/requests/${parsed.data.number}`);
}

export default function HubReceive() {
  const { typed, error } = useLoaderData<typeof loader>();
  return (
    <div className="ops-page hub-page">
      <p className="eyebrow">Nairobi hub</p>
      <h1>Receive a delivery</h1>
      <p className="muted">
        Type the number on the request's label (PR-…) or on a shopper's return parcel (RT-…), or scan it. Then check the pieces and receive
        them.
      </p>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="get" className="hub-scan hub-scan--large" role="search" aria-label="Find a production request">
        <div className="field">
          <label htmlFor="receive-number">Request or return number, or scan</label>
          <input
            id="receive-number"
            name="number"
            placeholder="PR-50012"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            maxLength={40}
            // The scanner types here straight away, and again after a bad number.
            autoFocus
            defaultValue={typed}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="button">
          Find
        </button>
      </form>
      <p>
        <Link to="/ops/hub">← Today at the hub</Link>
      </p>
    </div>
  );
}
