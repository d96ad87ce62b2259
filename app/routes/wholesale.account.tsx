import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { PAYMENT_LABEL } from "~/domain/wholesale";
import { listBuyers, listLocations, requireBuyer } from "~/domain/wholesale/index.server";
import { Buyers } from "~/features/wholesale/account/Buyers";
import { accountIntent } from "~/features/wholesale/account/intents.server";
import { Locations } from "~/features/wholesale/account/Locations";
import { readFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const meta: MetaFunction = () => [{ title: "Account · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { buyer, retailer } = await requireBuyer(request);
  const [buyers, locations, { flash, headers }] = await Promise.all([
    listBuyers(retailer.id),
    listLocations(retailer.id),
    readFlash(request),
  ]);
  return data(
    {
      me: buyer.id,
      retailer: {
        name: retailer.name,
        tier: retailer.tier,
        paymentTerms: retailer.paymentTerms,
        creditLimit: retailer.creditLimit,
        currency: retailer.currency,
      },
      buyers: buyers.map((b) => ({
        id: b.id,
        name: b.name,
        email: b.email,
        active: b.active,
        inviteLive: Boolean(b.inviteExpiresAt && b.inviteExpiresAt > new Date()),
      })),
      locations,
      flash,
    },
    { headers },
  );
}

/** Invite a buyer or send again, add a location, make one the default or remove it: one call, one answer. */
export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireBuyer(request);
  return accountIntent(request, ctx, await readForm(request));
}

export default function WholesaleAccount() {
  const { me, retailer, buyers, locations, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const inviteErrors = actionData?.intent === "invite" ? actionData.errors : {};
  const inviteValues = actionData?.intent === "invite" ? actionData.values : {};
  const locErrors = actionData?.intent === "add-location" ? actionData.errors : {};
  const locValues = actionData?.intent === "add-location" ? actionData.values : {};
  return (
    <div className="page">
      <p className="eyebrow">{retailer.name}</p>
      <h1>Account</h1>
      <FlashNotice flash={flash} />
      {actionData?.message ? (
        <p className="notice notice--error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <ul className="wholesale-facts">
        <li>
          <strong>{retailer.tier[0].toUpperCase() + retailer.tier.slice(1)}</strong> price tier
        </li>
        <li>
          <strong>{PAYMENT_LABEL[retailer.paymentTerms]}</strong> payment terms
        </li>
        {retailer.paymentTerms !== "card" ? (
          <li>
            <strong>
              <Money value={{ amount: retailer.creditLimit, currency: retailer.currency }} />
            </strong>{" "}
            credit limit
          </li>
        ) : null}
      </ul>

      <div className="wholesale-grid wholesale-grid--2">
        <Buyers buyers={buyers} me={me} errors={inviteErrors} values={inviteValues} />

        <Locations
          locations={locations}
          errors={locErrors}
          values={locValues}
          removing={actionData?.intent === "remove-location" ? actionData.values.locationId : undefined}
        />
      </div>
    </div>
  );
}
