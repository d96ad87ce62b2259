import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { signOutCustomer } from "~/modules/auth/customer.server";

// Signing out changes state, so it is a POST (the account page's form); a plain visit goes back to the account.
export async function loader(_args: LoaderFunctionArgs) {
  throw redirect("/account");
}

export async function action({ request }: ActionFunctionArgs) {
  return signOutCustomer(request);
}
