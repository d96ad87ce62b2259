import { signedInCustomerName } from "~/domain/accounts/index.server";
import { bagUnitsFor } from "~/domain/cart/index.server";
import { ANONYMOUS_PERSONAL, accountLabel, type Personal } from "./personal";

/**
 * How long a visitor's bits are remembered for the same Cookie header. The bag needs no expiry: its
 * cookie changes with every change of the bag (a new revision), so a header names one state of it.
 * Who is signed in changes the session cookie too (signing in or out here); what it does not see is
 * a sign-out from elsewhere ("sign out everywhere", a new password), which the greeting then shows
 * for at most this long (pages behind the sign-in check the session themselves).
 */
const REMEMBER_MS = 60_000;
const REMEMBERED_MAX = 20_000;
const remembered = new Map<string, { at: number; personal: Promise<Personal>; known?: Personal }>();

/** The bits remembered for this header, if read already and still good: no promise, no query. */
export function rememberedPersonal(cookieHeader: string): Personal | undefined {
  const entry = remembered.get(cookieHeader);
  return entry?.known && Date.now() - entry.at < REMEMBER_MS ? entry.known : undefined;
}

/**
 * A visitor's personal bits from their Cookie header: no cookie of ours, no query; else the bag's
 * units and who is signed in, read side by side (one indexed read each) and remembered for the same
 * header. `bag: false` leaves the count to a page that shows the bag itself.
 */
export async function personalFor(cookieHeader: string | null | undefined, { bag = true } = {}): Promise<Personal> {
  if (!cookieHeader?.includes("__soko_")) return { ...ANONYMOUS_PERSONAL, bag: bag ? 0 : null };
  if (!bag) return { bag: null, account: accountLabel(await signedInCustomerName(cookieHeader)) };
  const now = Date.now();
  const known = remembered.get(cookieHeader);
  if (known && now - known.at < REMEMBER_MS) return known.personal;
  const personal = read(cookieHeader);
  const value = personal.then((read) => read.value);
  value.catch(() => {}); // the caller below sees the failure; the remembered copy is dropped
  const entry: { at: number; personal: Promise<Personal>; known?: Personal } = { at: now, personal: value };
  remembered.set(cookieHeader, entry);
  if (remembered.size > REMEMBERED_MAX) remembered.delete(remembered.keys().next().value!);
  // A bag cookie without a revision (set before revisions) does not name one state: not remembered.
  personal.then(
    (read) => {
      if (read.settled) entry.known = read.value;
      else forget(cookieHeader);
    },
    () => forget(cookieHeader),
  );
  return value;
}

async function read(cookieHeader: string): Promise<{ value: Personal; settled: boolean }> {
  const [bag, name] = await Promise.all([bagUnitsFor(cookieHeader), signedInCustomerName(cookieHeader)]);
  return { value: { bag: bag.units, account: accountLabel(name) }, settled: bag.settled };
}

function forget(cookieHeader: string) {
  remembered.delete(cookieHeader);
}

/**
 * What the HTTP edge's shared page cache needs (app/http/page-cache-front.ts reads it from the
 * build's entry module): the anonymous bits, and a visitor's own for a page that shows the count.
 */
export const personalBits = {
  anonymous: ANONYMOUS_PERSONAL,
  load: (cookieHeader: string) => personalFor(cookieHeader) as Promise<{ bag: number; account: string }>,
  known: (cookieHeader: string) => rememberedPersonal(cookieHeader) as { bag: number; account: string } | undefined,
};
