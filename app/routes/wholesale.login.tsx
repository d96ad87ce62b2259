import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { authenticateBuyer, buyerRedirect, getBuyer, signInBuyer } from "~/domain/wholesale/index.server";
import { readFlash } from "~/lib/flash.server";
import { loginSchema } from "~/domain/wholesale";
import { SignInForm } from "~/components/ui/SignInForm";
import { refusedSignIn } from "~/domain/accounts/index.server";
import { clientAddress } from "~/lib/client-address";
import { parseWith, readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

// A refused action renders here, inside the portal with the buyer's nav (see WholesalePageError).
export { WholesalePageError as ErrorBoundary } from "~/features/wholesale/PageError";

export const meta: MetaFunction = () => [{ title: "Sign in · Soko wholesale" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getBuyer(request)) throw redirect(buyerRedirect(new URL(request.url).searchParams.get("redirectTo")));
  const { flash, headers } = await readFlash(request);
  return data({ flash }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(loginSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, formError: null, email: parsed.values.email ?? "" }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const result = await authenticateBuyer({ email, password, address: clientAddress(request.headers) });
  if (!result.ok) return refusedSignIn(result, email, WRONG_CREDENTIALS);
  return signInBuyer(request, result.buyer.id, redirectTo);
}

export default function WholesaleLogin() {
  const { flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="page wholesale-narrow">
      <h1>Sign in</h1>
      <p className="muted">For buyers at approved Soko wholesale accounts.</p>
      <FlashNotice flash={actionData ? null : flash} />
      {actionData?.formError ? (
        <p className="notice notice--error" role="alert" id="login-error">
          {actionData.formError}
        </p>
      ) : null}
      <SignInForm
        className="wholesale-panel"
        redirectTo={searchParams.get("redirectTo") ?? ""}
        email={actionData?.email}
        errors={errors}
        describedBy={actionData?.formError ? "login-error" : undefined}
        busy={busy}
      />
      <p className="muted">
        Not a stockist yet? <Link to="/wholesale#apply">Apply for a wholesale account</Link>. Invited by a colleague? Use the link in your
        invitation email.
      </p>
    </div>
  );
}

const WRONG_CREDENTIALS = "That email and password don't match an approved wholesale account.";
