/**
 * Which stock can fill which channel. Web (and wholesale) orders ship from the US fulfilment centre
 * or the Nairobi hub; the flagship's shelf is sold at the counter; an artisan's workshop stock is
 * not yet at a hub. The product page, the bag and the checkout all use this one rule.
 */
export const WEB_STOCK_KINDS = ["fulfilment", "hub"] as const;
export const WEB_STOCK_LOCATION_CODES = ["US-FC", "NBO-HUB"];
export const STORE_LOCATION_CODE = "SF-FLAGSHIP";
