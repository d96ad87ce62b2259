import { useRouteError } from "@remix-run/react";
import { ErrorSection } from "~/components/ui/ErrorSection";
import { errorWords } from "~/lib/error-words";

/**
 * An /ops page's error. Each page exports it as its own ErrorBoundary: when a page's action is
 * refused (a 403 for a role that may not, a record gone since the page was drawn) Remix renders the
 * nearest boundary without running that boundary's loader, so the console layout's boundary had no
 * staff member and drew the header without its nav or "Sign out". Below the layout, the layout's data is there.
 */
export function OpsPageError() {
  return (
    <ErrorSection className="ops-page ops-error" words={errorWords(useRouteError())} back={{ to: "/ops", label: "Operations home" }} />
  );
}
