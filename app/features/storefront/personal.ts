/**
 * The personal bits of the storefront's pages: the only things on a catalog page that differ from
 * one shopper to the next. The shared page cache keeps each catalog page once, rendered with tokens
 * in their place, and puts each visitor's own values in per answer
 * (docs/decisions/0018-personal-bits-stitched.md). Each is a plain value shown as the whole of a
 * text node, so the HTML and the loader data serialised into the page can be filled the same way.
 * A new personal bit goes here (and in personalFor), never in a catalog route's loader.
 */
export type Personal = {
  /** Units in the bag; null on the bag and checkout pages, which count it from their own bag. */
  bag: number | null;
  /** The header's account link: "Account", or a greeting for a signed-in shopper. */
  account: string;
};

/** A visitor without our cookies (and what a shared page's tokens are filled with for one). */
export const ANONYMOUS_PERSONAL = { bag: 0, account: "Account" } as const satisfies Personal;

/** The account link's words: a signed-in shopper is greeted by her first name. */
export function accountLabel(signedInName: string | null): string {
  if (signedInName === null) return ANONYMOUS_PERSONAL.account;
  const first = signedInName.trim().split(/\s+/)[0];
  return first ? `Hi, ${first}` : "Your account";
}
