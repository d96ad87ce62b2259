import { useRouteError, useRouteLoaderData } from "@remix-run/react";
import { ErrorSection } from "~/components/ui/ErrorSection";
import { errorWords } from "~/lib/error-words";

/**
 * A wholesale page's error. Each page exports it as its own ErrorBoundary: when a page's action is
 * refused (a draft another buyer deleted, an order not on the account) Remix renders the nearest
 * boundary without running that boundary's loader, so the portal layout's boundary had no buyer and
 * drew the signed-out header. Below the layout, the layout's data is there.
 */
export function WholesalePageError() {
  const signedIn = Boolean(useRouteLoaderData<{ buyer: unknown }>("routes/wholesale")?.buyer);
  return (
    <ErrorSection
      className="page wholesale-error"
      words={errorWords(useRouteError(), { notFound: "There is nothing here on your account." })}
      back={signedIn ? { to: "/wholesale/catalog", label: "Back to the catalog" } : { to: "/wholesale", label: "Wholesale home" }}
    />
  );
}
