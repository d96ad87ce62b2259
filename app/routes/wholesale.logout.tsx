import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { signOutBuyer } from "~/domain/wholesale/index.server";

// Signing out changes state, so it is a POST (the header's form); a plain visit goes to the catalog.
export async function loader(_args: LoaderFunctionArgs) {
  throw redirect("/wholesale/catalog");
}

export async function action({ request }: ActionFunctionArgs) {
  return signOutBuyer(request);
}
