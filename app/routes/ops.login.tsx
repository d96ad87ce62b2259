import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { authenticateStaff, getStaff, homeFor, safeRedirect, signInStaff } from "~/domain/accounts/index.server";
import { SignInForm } from "~/components/ui/SignInForm";
import { refusedSignIn } from "~/domain/accounts/index.server";
import { clientAddress } from "~/lib/client-address";
import { parseWith, readForm } from "~/lib/validation";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Sign in · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Already signed in: nothing to do here.
  const staff = await getStaff(request);
  if (staff) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), homeFor(staff)));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(loginSchema, await readForm(request));
  if (!parsed.ok) {
    return data({ errors: parsed.errors, formError: null, email: parsed.values.email ?? "" }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await authenticateStaff({ email, password, address: clientAddress(request.headers) });
  if (!result.ok) return refusedSignIn(result, email, WRONG_CREDENTIALS);
  return signInStaff(request, result.staff, redirectTo || null);
}

export default function OpsLogin() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const busy = navigation.state === "submitting";
  return (
    <div className="ops-page ops-login">
      <h1>Sign in</h1>
      <p className="muted">For Soko staff: operations, hub, finance and the flagship store.</p>
      {actionData?.formError ? (
        <p className="notice notice--error" role="alert" id="login-error">
          {actionData.formError}
        </p>
      ) : null}
      <SignInForm
        redirectTo={searchParams.get("redirectTo") ?? ""}
        email={actionData?.email}
        errors={errors}
        describedBy={actionData?.formError ? "login-error" : undefined}
        busy={busy}
      />
    </div>
  );
}

const WRONG_CREDENTIALS = "That email and password don't match an active staff account.";

const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .max(254, "That email address is too long.")
    .email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
  redirectTo: z.string().max(2000).optional(),
});
