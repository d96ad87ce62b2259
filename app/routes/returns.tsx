import type { LinksFunction, MetaFunction } from "@remix-run/node";

import { sharedPageHeaders } from "~/domain/catalog";

import { ReturnsPage } from "~/features/storefront/info/Policies";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;
export const meta: MetaFunction = () => [
  { title: "Returns and exchanges | Soko" },
  { name: "description", content: "Return or exchange any Soko piece within 30 days of delivery." },
];

export default function Route() {
  return <ReturnsPage />;
}
