import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { unpurgedSharedPageHeaders } from "~/domain/catalog";
import { loadReturnPolicy, returnAddress } from "~/domain/returns/index.server";
import { ReturnsPage } from "~/features/storefront/info/Policies";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
// No purge key covers the policy or the hub's address: shared for the short lifetime only.
export const headers = unpurgedSharedPageHeaders;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Returns and exchanges | Soko" },
  { name: "description", content: `Return or exchange a Soko piece within ${data?.policy.windowDays ?? 30} days of delivery.` },
];

/** The policy operations set (the same one every return is held to). */
export async function loader() {
  const [policy, address] = await Promise.all([loadReturnPolicy(), returnAddress()]);
  return { policy: { ...policy, address } };
}

export default function Route() {
  const { policy } = useLoaderData<typeof loader>();
  return <ReturnsPage policy={policy} />;
}
