/** Where returned pieces go: the hub's location record (code NBO-HUB), the shipping labels' return address too. */
import { hubReturnAddress } from "~/domain/hub/index.server";
import { db, type Executor } from "~/lib/db.server";

/** The hub's address lines and phone, or null while its location record has no address (returns can't start then). */
export async function returnAddress(executor: Executor = db): Promise<string[] | null> {
  return hubReturnAddress(executor);
}

export const NO_RETURN_ADDRESS =
  "We can't take returns online just now: our hub's address is being updated. Please try again later, or contact us with your order number.";
