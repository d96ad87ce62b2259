/**
 * A NUL byte (%00) anywhere in the address — the path or the query string — is refused with a 400
 * before any route runs: no page of ours has a use for one, and PostgreSQL refuses it in text, so
 * one reaching a query was a 500. The shared parsing (~/lib/validation) refuses it again, and
 * refuses NUL in form fields, for callers that don't come through this server.
 */
export const NUL_IN_ADDRESS = "This address has a NUL byte (%00) in it, which nothing here accepts. Remove it and try again.";

export function hasNulInAddress(url: string): boolean {
  return /%00/i.test(url) || url.includes("\u0000");
}
