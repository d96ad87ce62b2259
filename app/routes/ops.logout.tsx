import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { signOutStaff } from "~/domain/accounts/index.server";

// Signing out changes state, so it is a POST (the header's form); a plain visit goes back to the console.
export async function loader(_args: LoaderFunctionArgs) {
  throw redirect("/ops");
}

export async function action({ request }: ActionFunctionArgs) {
  return signOutStaff(request);
}
