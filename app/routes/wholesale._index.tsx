import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { getHomePage } from "~/domain/catalog/index.server";
import { submitApplication } from "~/domain/wholesale/index.server";
import { getBuyer } from "~/domain/wholesale/index.server";
import { readFlash, redirectWithFlash } from "~/lib/flash.server";
import { applicationSchema, EXPECTED_VOLUME_LABEL } from "~/domain/wholesale";
import { wholesaleSettings } from "~/domain/wholesale/index.server";
import { parseWith, readForm } from "~/lib/validation";
import { Field } from "~/components/ui/Field";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const meta: MetaFunction = () => [
  { title: "Wholesale · Soko: handmade jewelry for your store" },
  {
    name: "description",
    content:
      "Stock Soko's handmade jewelry: wholesale prices, low opening minimums, net 30/60 terms and ship dates planned from our artisans' capacity.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [context, { flash, headers }, home] = await Promise.all([getBuyer(request), readFlash(request), getHomePage()]);
  // A signed-in buyer reads its own retailer's minimums, in its currency; a visitor the USD programme's.
  const settings = await wholesaleSettings(undefined, context?.retailer.currency);
  // The newest pieces with a picture, to show what a store would stock; while the newest have none
  // yet (just added in ops), the home page's hero and collection pieces fill the row.
  const pictured = [
    ...home.newArrivals.flatMap((p) => (p.image ? [{ title: p.title, image: p.image }] : [])),
    ...(home.hero ? [{ title: home.hero.title, image: home.hero.image }] : []),
    ...home.collections.flatMap((c) => (c.image ? [{ title: c.title, image: c.image }] : [])),
  ];
  const showcase = pictured.filter((p, i) => pictured.findIndex((q) => q.image.url === p.image.url) === i).slice(0, 4);
  return data({ settings, signedIn: Boolean(context), flash, showcase }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(applicationSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 422 });
  await submitApplication(parsed.data);
  return redirectWithFlash(
    request,
    "/wholesale#applied",
    {
      kind: "success",
      message: `Thank you: we received ${parsed.data.businessName}'s application and emailed ${parsed.data.email}. We'll be in touch within two business days.`,
    },
    { status: 303 },
  );
}

export default function WholesaleHome() {
  const { settings, signedIn, flash, showcase } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const money = (amount: number) => <Money value={{ amount, currency: settings.currency }} />;
  return (
    <div className="page">
      <div className="ws-hero">
        <div className="ws-hero__text">
          <p className="eyebrow">Soko wholesale</p>
          <h1>Handmade jewelry for your store, made to your order</h1>
          <p className="muted">
            Department stores, boutiques and TV shopping channels stock Soko. Every piece is made by an independent artisan in Kenya, paid
            for their work on their phone; we plan your ship date from their real capacity.
          </p>
          <FlashNotice flash={flash} id="applied" />
          <p className="ws-hero__actions">
            {signedIn ? (
              <Link className="button" to="/wholesale/catalog">
                Go to your catalog
              </Link>
            ) : (
              <>
                <a className="button" href="#apply">
                  Apply for an account
                </a>
                <Link className="button button--ghost" to="/wholesale/login">
                  Stockist sign-in
                </Link>
              </>
            )}
          </p>
        </div>
        {showcase.length ? (
          <ul className="ws-hero__art" aria-label="New in the collection">
            {showcase.map((item, i) => (
              <li key={item.image.url}>
                <img
                  src={item.image.url}
                  alt={item.image.alt || item.title}
                  width={item.image.width}
                  height={item.image.height}
                  loading={i < 2 ? "eager" : "lazy"}
                />
                <span>{item.title}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <h2>The programme</h2>
      <ul className="wholesale-facts">
        <li>
          <strong>About 50% of retail</strong> Your price list: standard, preferred and key-account tiers, with volume breaks on larger
          lines.
        </li>
        <li>
          <strong>{money(settings.openingMinimum)} opening order</strong> Then {money(settings.reorderMinimum)} for each reorder. Per-item
          minimums and case packs are shown in the catalog.
        </li>
        <li>
          <strong>Net 30 or net 60</strong> For approved accounts within a credit limit, invoiced when you order. Or pay by card.
        </li>
        <li>
          <strong>In stock or made to order</strong> Stock ships in days. Made-to-order pieces show the earliest ship date our artisans'
          capacity allows, usually two to four weeks.
        </li>
      </ul>

      <div className="wholesale-grid wholesale-grid--2">
        <section className="wholesale-panel" aria-labelledby="apply-heading" id="apply">
          <h2 id="apply-heading">Apply for a wholesale account</h2>
          <p className="muted">We review every application within two business days and email you either way.</p>
          {actionData ? (
            <p className="notice notice--error" role="alert">
              Please check the highlighted fields.
            </p>
          ) : null}
          <Form method="post" noValidate>
            <Field
              idPrefix="apply"
              required
              name="businessName"
              label="Business name"
              autoComplete="organization"
              defaultValue={values.businessName ?? ""}
              error={errors.businessName}
            />
            <div className="wholesale-row">
              <Field
                idPrefix="apply"
                required
                name="contactName"
                label="Your name"
                autoComplete="name"
                defaultValue={values.contactName ?? ""}
                error={errors.contactName}
              />
              <Field
                idPrefix="apply"
                required
                name="email"
                label="Email"
                type="email"
                autoComplete="email"
                defaultValue={values.email ?? ""}
                error={errors.email}
              />
            </div>
            <div className="wholesale-row">
              <Field
                idPrefix="apply"
                required
                name="taxId"
                label="Tax ID or resale certificate number"
                defaultValue={values.taxId ?? ""}
                error={errors.taxId}
              />
              <Field
                idPrefix="apply"
                name="website"
                label="Website"
                hint="Optional"
                autoComplete="url"
                defaultValue={values.website ?? ""}
                error={errors.website}
              />
            </div>
            <div className="field">
              <label htmlFor="apply-storeLocations">Store locations</label>
              <textarea
                id="apply-storeLocations"
                name="storeLocations"
                rows={3}
                defaultValue={values.storeLocations ?? ""}
                aria-invalid={errors.storeLocations ? true : undefined}
                aria-describedby={`apply-storeLocations-hint${errors.storeLocations ? " apply-storeLocations-error" : ""}`}
              />
              <p className="field-hint" id="apply-storeLocations-hint">
                Cities and how many doors, or "online only".
              </p>
              {errors.storeLocations ? (
                <p className="field-error" id="apply-storeLocations-error">
                  {errors.storeLocations}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="apply-expectedVolume">Expected yearly volume</label>
              <select
                id="apply-expectedVolume"
                name="expectedVolume"
                defaultValue={values.expectedVolume ?? ""}
                aria-invalid={errors.expectedVolume ? true : undefined}
                aria-describedby={errors.expectedVolume ? "apply-expectedVolume-error" : undefined}
              >
                <option value="" disabled>
                  Choose one
                </option>
                {Object.entries(EXPECTED_VOLUME_LABEL).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              {errors.expectedVolume ? (
                <p className="field-error" id="apply-expectedVolume-error">
                  {errors.expectedVolume}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Sending…" : "Send application"}
            </button>
          </Form>
        </section>
        <aside className="wholesale-panel" aria-labelledby="buyers-heading">
          <h2 id="buyers-heading">Already a stockist?</h2>
          <p>Sign in to see your prices, order by SKU or CSV, follow production line by line and download invoices.</p>
          <p>
            <Link className="button button--ghost" to="/wholesale/login">
              Sign in
            </Link>
          </p>
        </aside>
      </div>
    </div>
  );
}
