import type { LinksFunction, MetaFunction } from "@remix-run/node";

import { sharedPageHeaders } from "~/domain/catalog";

import { SizeGuide } from "~/features/storefront/info/SizeGuide";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;
export const meta: MetaFunction = () => [
  { title: "Size guide | Soko" },
  {
    name: "description",
    content: "Ring sizes (US, UK, EU), necklace lengths and bracelet sizes for Soko's handmade jewelry, and how to measure.",
  },
];

export default function Route() {
  return <SizeGuide />;
}
