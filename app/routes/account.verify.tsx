import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { confirmEmail, getCustomer } from "~/domain/accounts/index.server";
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

export async function action({ request }: ActionFunctionArgs) {
  const result = await confirmEmail((await readForm(request)).get("token"));
  if (!result.ok) return data({ refused: result.reason }, { status: result.reason === "expired" ? 410 : 400 });
  const count = result.attached.length;
  const message =
    count === 0
      ? "Thank you: your email is confirmed."
      : `Thank you: your email is confirmed, and ${count === 1 ? "1 earlier order is" : `${count} earlier orders are`} now in your account.`;
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
          {actionData.refused === "expired"
            ? "This link has expired. Sign in and ask for a new one from your account page."
            : "This link doesn't work. Sign in and ask for a new one from your account page."}{" "}
          <Link to="/account/login?redirectTo=/account">Sign in</Link>
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
