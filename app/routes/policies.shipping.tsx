import type { LinksFunction, MetaFunction } from "@remix-run/node";

import { sharedPageHeaders } from "~/domain/catalog";

import { ShippingPage } from "~/features/storefront/info/Policies";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;
export const meta: MetaFunction = () => [
  { title: "Shipping | Soko" },
  {
    name: "description",
    content: "When Soko's handmade pieces ship from Kenya and the US, delivery times and rates to the US, UK, EU, Canada and Australia.",
  },
];

export default function Route() {
  return <ShippingPage />;
}
