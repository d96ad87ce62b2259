/**
 * The brand's own addresses, in one place: what shoppers see (retail: the packing slip in their
 * box, the shop's contact) and what retailers see (wholesale: invoices, packing lists, line
 * sheets). The Nairobi hub's address is not here: it is the hub's location record (locations,
 * NBO-HUB), read for the shipping label's return address. Pure.
 */
export const BRAND_ADDRESSES = {
  retail: ["Soko", "Flagship shop, 548 Market St, San Francisco, CA 94104", "hello@soko.test"],
  wholesale: ["Soko Virtual Factory Inc.", "548 Market St, San Francisco, CA 94104", "wholesale@soko.test"],
} as const satisfies Record<string, readonly string[]>;

export type BrandAddress = keyof typeof BRAND_ADDRESSES;
