import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { sharedPageHeaders } from "~/domain/catalog";
import { RETURN_ADDRESS } from "~/domain/returns";
import { loadReturnPolicy } from "~/domain/returns/index.server";
import { ReturnsPage } from "~/features/storefront/info/Policies";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Returns and exchanges | Soko" },
  { name: "description", content: `Return or exchange a Soko piece within ${data?.policy.windowDays ?? 30} days of delivery.` },
];

/** The policy operations set (the same one every return is held to). */
export async function loader() {
  return { policy: { ...(await loadReturnPolicy()), address: RETURN_ADDRESS } };
}

export default function Route() {
  const { policy } = useLoaderData<typeof loader>();
  return <ReturnsPage policy={policy} />;
}
