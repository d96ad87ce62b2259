import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { sharedPageHeaders } from "~/domain/catalog";
import { contactEmail } from "~/features/storefront/info/contact.server";
import { ContactPage } from "~/features/storefront/info/Policies";
import styles from "~/styles/info.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const headers = sharedPageHeaders;
export const meta: MetaFunction = () => [
  { title: "Contact us | Soko" },
  { name: "description", content: "Email Soko: a person answers within one business day." },
];

export function loader() {
  return { contactEmail: contactEmail() };
}
export default function Route() {
  const data = useLoaderData<typeof loader>();
  return <ContactPage contactEmail={data.contactEmail} />;
}
