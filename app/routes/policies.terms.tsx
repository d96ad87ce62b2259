import type { LinksFunction, MetaFunction } from "@remix-run/node";

import { sharedPageHeaders } from "~/domain/catalog";

import { TermsPage } from "~/features/storefront/info/Policies";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;
export const meta: MetaFunction = () => [
  { title: "Terms of sale | Soko" },
  { name: "description", content: "The terms of sale for Soko's handmade jewelry." },
];

export default function Route() {
  return <TermsPage />;
}
