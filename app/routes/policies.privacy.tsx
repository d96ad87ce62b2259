import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { sharedPageHeaders } from "~/domain/catalog";
import { contactEmail } from "~/features/storefront/info/contact.server";
import { PrivacyPage } from "~/features/storefront/info/Policies";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;
export const meta: MetaFunction = () => [
  { title: "Privacy | Soko" },
  { name: "description", content: "What Soko keeps about you, why, who sees it, and your rights." },
];

export function loader() {
  return { contactEmail: contactEmail() };
}
export default function Route() {
  const data = useLoaderData<typeof loader>();
  return <PrivacyPage contactEmail={data.contactEmail} />;
}
