import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { accountRedirect, authenticateCustomer, getCustomer, signInCustomer } from "~/domain/accounts/index.server";
import { withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import { SignInForm } from "~/components/ui/SignInForm";
import { refusedSignIn } from "~/domain/accounts/index.server";
import { clientAddress } from "~/lib/client-address";
import styles from "~/styles/account.css";
import { FlashNotice } from "~/components/ui/Notice";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "Sign in · Soko" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  // Already signed in: nothing to do here.
  if (await getCustomer(request)) throw redirect(accountRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return withFlash(request, {});
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(loginSchema, await readForm(request));
  if (!parsed.ok) {
    return data({ errors: parsed.errors, formError: null, email: parsed.values.email ?? "" }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await authenticateCustomer({ email, password, address: clientAddress(request.headers) });
  if (!result.ok) return refusedSignIn(result, email, WRONG_CREDENTIALS);
  return signInCustomer(request, result.customer, redirectTo);
}

export default function AccountLogin() {
  const { flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const busy = navigation.state === "submitting";
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const signupHref = redirectTo ? `/account/signup?${new URLSearchParams({ redirectTo })}` : "/account/signup";
  return (
    <div className="page account-auth">
      <h1>Sign in</h1>
      <p className="muted">See your orders and follow each piece as it's made.</p>
      <FlashNotice flash={actionData ? null : flash} />
      {actionData?.formError ? (
        <p className="notice notice--error" role="alert" id="login-error">
          {actionData.formError}
        </p>
      ) : null}
      <SignInForm
        redirectTo={redirectTo}
        email={actionData?.email}
        errors={errors}
        describedBy={actionData?.formError ? "login-error" : undefined}
        busy={busy}
        submitClassName="button account-auth__submit"
      />
      <p className="account-auth__switch">
        <Link to="/account/forgot">Forgot your password?</Link>
      </p>
      <p className="account-auth__switch">
        New here? <Link to={signupHref}>Create an account</Link>. You can also check out as a guest.
      </p>
    </div>
  );
}

const WRONG_CREDENTIALS = "That email and password don't match an account.";

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
