import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { Money } from "~/components/commerce/Money";
import { authenticateStaff, getStaff, hasRole, safeRedirect, signInStaff } from "~/domain/accounts/index.server";
import { loginSchema, openShiftSchema } from "~/domain/pos";
import { currentShift, openShift } from "~/domain/pos/index.server";
import { Refusal } from "~/lib/refusal";
import { POS_ROLES, actorOf, requirePosStaff, signOutPos } from "~/domain/pos/index.server";
import { withFlash } from "~/lib/flash.server";
import { retryAfter, throttledMessage } from "~/domain/accounts/index.server";
import { clientAddress } from "~/lib/client-address";
import { parseWith, readForm } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Point of sale · Soko San Francisco" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await getStaff(request);
  if (!staff || !hasRole(staff, POS_ROLES)) {
    return { signedIn: false as const, wrongRole: Boolean(staff), shift: null, flash: null };
  }
  const shift = await currentShift();
  return withFlash(request, {
    signedIn: true as const,
    wrongRole: false,
    shift: shift
      ? {
          id: shift.id,
          openedAt: shift.openedAt.toISOString(),
          openingFloat: shift.openingFloat,
          currency: shift.currency,
          openedBy: shift.openedByName,
        }
      : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "sign-out") return signOutPos(request);

  if (intent === "open-shift") {
    const staff = await requirePosStaff(request);
    const parsed = parseWith(openShiftSchema, form);
    if (!parsed.ok) return data({ form: "shift" as const, errors: parsed.errors, message: null, email: "" }, { status: 400 });
    try {
      await openShift({ openingFloat: parsed.data.openingFloat!, staffId: staff.id, actor: actorOf(staff) });
    } catch (error) {
      if (error instanceof Refusal)
        return data({ form: "shift" as const, errors: {}, message: error.message, email: "" }, { status: error.status });
      throw error;
    }
    return redirect("/pos/register");
  }

  const parsed = parseWith(loginSchema, form);
  if (!parsed.ok)
    return data({ form: "login" as const, errors: parsed.errors, message: null, email: parsed.values.email ?? "" }, { status: 400 });
  const result = await authenticateStaff({
    email: parsed.data.email,
    password: parsed.data.password,
    address: clientAddress(request.headers),
  });
  if (!result.ok) {
    const throttled = result.reason === "throttled";
    return data(
      {
        form: "login" as const,
        errors: {},
        message: throttled ? throttledMessage(result) : "That email and password don't match an active staff account.",
        email: parsed.data.email,
      },
      { status: throttled ? 429 : 401, headers: throttled ? retryAfter(result.lockedUntil) : undefined },
    );
  }
  if (!hasRole(result.staff, POS_ROLES)) {
    return data(
      {
        form: "login" as const,
        errors: {},
        message: "The register is for flagship staff: your account needs the cashier or manager role.",
        email: parsed.data.email,
      },
      { status: 403 },
    );
  }
  return signInStaff(request, result.staff, safeRedirect(parsed.data.redirectTo, "/pos/register"));
}

/** The service worker's cache of the register page (public/pos/sw.js). */
const POS_PAGES_CACHE = "soko-pos-pages-v1";

export default function PosHome() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy = navigation.state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};

  // Signed out (a shared tablet): forget the register page kept for offline use (public/pos/sw.js).
  useEffect(() => {
    if (!loaderData.signedIn && typeof caches !== "undefined") caches.delete(POS_PAGES_CACHE).catch(() => {});
  }, [loaderData.signedIn]);

  if (!loaderData.signedIn) {
    return (
      <section className="pos-page pos-narrow">
        <h1>Sign in to the register</h1>
        <p className="muted">Flagship staff: your Soko staff email and password.</p>
        {loaderData.wrongRole ? (
          <p className="notice notice--error">This account can't use the register. Sign in as a cashier or a manager.</p>
        ) : null}
        {actionData?.message ? (
          <p className="notice notice--error" role="alert" id="pos-login-error">
            {actionData.message}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <div className="field">
            <label htmlFor="pos-email">Email</label>
            <input
              id="pos-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              defaultValue={actionData?.email ?? ""}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "pos-email-error" : undefined}
            />
            {errors.email ? (
              <p className="field-error" id="pos-email-error">
                {errors.email}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="pos-password">Password</label>
            <input
              id="pos-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? "pos-password-error" : undefined}
            />
            {errors.password ? (
              <p className="field-error" id="pos-password-error">
                {errors.password}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button pos-big" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
      </section>
    );
  }

  const { shift, flash } = loaderData;
  return (
    <section className="pos-page pos-narrow">
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="notice notice--error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {shift ? (
        <>
          <h1>Shift {shift.id} is open</h1>
          <p>
            Opened by {shift.openedBy} at{" "}
            {new Date(shift.openedAt).toLocaleTimeString("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" })}{" "}
            with a float of <Money value={{ amount: shift.openingFloat, currency: shift.currency }} />.
          </p>
          <p className="pos-actions">
            <Link className="button pos-big" to="/pos/register">
              Go to the register
            </Link>
            <Link className="button button--ghost" to="/pos/shift">
              Close the shift
            </Link>
          </p>
        </>
      ) : (
        <>
          <h1>Open a shift</h1>
          <p className="muted">Count the cash in the drawer before the first sale: that is the starting float.</p>
          <Form method="post" noValidate>
            <div className="field">
              <label htmlFor="opening-float">Starting cash float (USD)</label>
              <input
                id="opening-float"
                name="openingFloat"
                inputMode="decimal"
                autoComplete="off"
                placeholder="150.00"
                required
                aria-invalid={errors.openingFloat ? true : undefined}
                aria-describedby={errors.openingFloat ? "opening-float-error" : undefined}
              />
              {errors.openingFloat ? (
                <p className="field-error" id="opening-float-error">
                  {errors.openingFloat}
                </p>
              ) : null}
            </div>
            <button type="submit" name="intent" value="open-shift" className="button pos-big" disabled={busy}>
              Open shift
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
