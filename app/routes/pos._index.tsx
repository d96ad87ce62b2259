import { FLAGSHIP_TIME_ZONE } from "~/lib/time";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { getStaff, hasRole } from "~/domain/accounts/index.server";
import { POS_ROLES, currentShift } from "~/domain/pos/index.server";
import { posHomeAction } from "~/features/pos/home.server";
import { OpenShiftForm } from "~/features/pos/home/OpenShiftForm";
import { PosSignIn } from "~/features/pos/home/PosSignIn";
import { useForgetOfflineRegister } from "~/features/pos/home/use-forget-offline-register";
import { withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

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
  return posHomeAction(request, form);
}

export default function PosHome() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy = navigation.state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  useForgetOfflineRegister(loaderData.signedIn);

  if (!loaderData.signedIn) {
    return (
      <PosSignIn
        wrongRole={loaderData.wrongRole}
        message={actionData?.message}
        email={actionData?.email ?? ""}
        errors={errors}
        redirectTo={searchParams.get("redirectTo") ?? ""}
        busy={busy}
      />
    );
  }

  const { shift, flash } = loaderData;
  return (
    <section className="pos-page pos-narrow">
      <FlashNotice flash={flash} />
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
            {new Date(shift.openedAt).toLocaleTimeString("en-US", { timeZone: FLAGSHIP_TIME_ZONE, hour: "numeric", minute: "2-digit" })}{" "}
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
        <OpenShiftForm error={errors.openingFloat} busy={busy} />
      )}
    </section>
  );
}
