import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PayDifference } from "~/features/storefront/returns/PayDifference";
import { type PayReply, payAction, payPage } from "~/features/storefront/returns/pay.server";
import styles from "~/styles/order-status.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pay the difference for ${data.ret.number} · Soko` : "Pay the difference · Soko" },
  { name: "robots", content: "noindex" },
];
// Same-origin Referrer-Policy from the server (see orders.$number_.return.tsx): the forms post without JavaScript.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return payPage(request, params.number, params.return);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return payAction(request, params.number, params.return);
}

export default function PayReturnDifference() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as PayReply | undefined;
  return <PayDifference {...page} reply={reply} />;
}
