import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { signOutArtisan } from "~/features/artisan-app/auth.server";

export const handle = { hydrate: false };

// Signing out changes state, so it is a POST (the profile page's button); a plain visit goes to the login page.
export async function loader(_args: LoaderFunctionArgs) {
  throw redirect("/artisan");
}

export async function action({ request }: ActionFunctionArgs) {
  return signOutArtisan(request);
}
