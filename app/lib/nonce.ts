/**
 * This answer's Content-Security-Policy nonce, for the few inline scripts we render (Remix's own,
 * the artisan app's service-worker line). Provided by app/entry.server.tsx from the load context;
 * undefined in the browser, which hides nonces from scripts anyway and runs nothing new inline.
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
