import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { confirmEmail, confirmSignUp, getCustomer, isSignUpToken, startCustomerSession } from "~/domain/accounts/index.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";
import styles from "~/styles/account.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [
  { title: "Confirm your email · Soko" },
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "same-origin" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });

/** The emailed link opens a page with one button: a mail scanner that fetches links confirms nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { token: (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200) };
}

type Refused = "invalid" | "expired" | "used" | "exists";

const ordersJoined = (count: number) =>
  count === 0 ? "" : `, and ${count === 1 ? "1 earlier order is" : `${count} earlier orders are`} now in your account`;

export async function action({ request }: ActionFunctionArgs) {
  const token = (await readForm(request)).get("token");
  // A sign-up's link (docs/decisions/0029): once, it makes the account and signs it in.
  if (isSignUpToken(token)) {
    const made = await confirmSignUp(token);
    if (!made.ok) return data<{ refused: Refused }>({ refused: made.reason }, { status: made.reason === "expired" ? 410 : 400 });
    const cookie = await startCustomerSession(request, made.customer.id, {
      flash: { kind: "success", message: `Your account is ready and you're signed in${ordersJoined(made.attached.length)}.` },
    });
    return redirect("/account", { status: 303, headers: { "Set-Cookie": cookie } });
  }
  const result = await confirmEmail(token);
  if (!result.ok) return data<{ refused: Refused }>({ refused: result.reason }, { status: result.reason === "expired" ? 410 : 400 });
  const message = `Thank you: your email is confirmed${ordersJoined(result.attached.length)}.`;
  const signedIn = (await getCustomer(request))?.id === result.customerId;
  return redirectWithFlash(
    request,
    signedIn ? "/account" : "/account/login?redirectTo=/account",
    { kind: "success", message },
    { status: 303 },
  );
}

export default function AccountVerify() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page account-auth">
      <h1>Confirm your email</h1>
      {actionData?.refused ? (
        <p className="notice notice--error" role="alert">
          {REFUSED[actionData.refused]} <Link to="/account/login?redirectTo=/account">Sign in</Link>
        </p>
      ) : (
        <p className="muted">Confirming adds the orders you placed as a guest with this email to your account.</p>
      )}
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button">
          Confirm my email
        </button>
      </Form>
    </div>
  );
}

const REFUSED: Record<Refused, string> = {
  expired: "This link has expired. Sign up again for a new one, or sign in and ask for one from your account page.",
  invalid: "This link doesn't work. Sign up again for a new one, or sign in and ask for one from your account page.",
  used: "This link has been used already: your account is made. Sign in with your email and password.",
  exists: "This email already has an account. Sign in, or reset your password if you've forgotten it.",
};
