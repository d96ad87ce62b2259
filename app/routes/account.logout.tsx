import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { signOutCustomer, signOutCustomerEverywhere } from "~/domain/accounts/index.server";
import { parseWith, readForm } from "~/lib/validation";

// Signing out changes state, so it is a POST (the account page's form); a plain visit goes back to the account.
export async function loader(_args: LoaderFunctionArgs) {
  throw redirect("/account");
}

// Anything but "everywhere" signs out this browser only: the safe reading of an odd form.
const logoutSchema = z.object({ scope: z.enum(["here", "everywhere"]).catch("here") });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseWith(logoutSchema, await readForm(request));
  return parsed.ok && parsed.data.scope === "everywhere" ? signOutCustomerEverywhere(request) : signOutCustomer(request);
}
