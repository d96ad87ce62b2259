/**
 * Shipping an order, the one rule: which carriers Soko ships with and what a tracking number looks
 * like. Both places that ship an order read it — the hub's packing table (/ops/hub/packing) and the
 * ops order page (/ops/orders/:number) — and shipOrder checks it again, so no other caller can
 * store a shipment the forms would refuse. Pure.
 *
 * The carrier goes into the customer's email, their order page and a wholesale buyer's tracking, so
 * it comes from one list rather than free text. A tracking number is what a customer pastes into a
 * carrier's site: letters, digits and dashes, 4 to 40 of them, no spaces (a space typed from a
 * label is the kind of slip that makes the number not found).
 */
import { z } from "zod";

export const SHIPPING_CARRIERS = ["DHL", "FedEx", "UPS", "USPS", "Posta Kenya", "Aramex", "G4S"] as const;
export type ShippingCarrier = (typeof SHIPPING_CARRIERS)[number];

/** An order of gift cards only: each card is emailed, so there is nothing to pack or ship (the order page says this instead of its forms). */
export const GIFT_CARDS_ONLY_MESSAGE = "Gift cards only: nothing to pack or ship. Each card is emailed to its recipient on its send date.";

export const CARRIER_MESSAGE = `Choose the carrier: ${SHIPPING_CARRIERS.join(", ")}.`;
export const TRACKING_NUMBER_MAX = 40;

/** The carrier field of a ship form. */
export const carrierField = z.enum(SHIPPING_CARRIERS, { errorMap: () => ({ message: CARRIER_MESSAGE }) });

/** The tracking number field of a ship form; each message says what is wrong, in this order. */
export const trackingNumberField = z
  .string({ required_error: "Enter the tracking number." })
  .trim()
  .min(1, "Enter the tracking number.")
  .max(TRACKING_NUMBER_MAX, `Tracking numbers are at most ${TRACKING_NUMBER_MAX} characters.`)
  .regex(/^\S+$/, "Enter the tracking number without spaces.")
  .regex(/^[A-Za-z0-9-]+$/, "Enter the tracking number with letters, digits and dashes only.")
  .refine((v) => v.length >= 4, "Enter the whole tracking number (at least 4 characters).");

/** The carrier and tracking number a shipment may be stored with, or why not (the first problem). */
export function shipmentProblem(input: { carrier: string; trackingNumber: string }): string | null {
  const carrier = carrierField.safeParse(input.carrier);
  if (!carrier.success) return carrier.error.issues[0].message;
  const tracking = trackingNumberField.safeParse(input.trackingNumber);
  if (!tracking.success) return tracking.error.issues[0].message;
  return tracking.data === input.trackingNumber ? null : "Enter the tracking number without spaces around it.";
}

/** Each carrier's public tracking page for one number (none for carriers without a linkable page). */
const TRACKING_PAGES: Record<ShippingCarrier, ((number: string) => string) | null> = {
  DHL: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=${n}`,
  FedEx: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  UPS: (n) => `https://www.ups.com/track?loc=en_US&tracknum=${n}`,
  USPS: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  Aramex: (n) => `https://www.aramex.com/us/en/track/results?ShipmentNumber=${n}`,
  "Posta Kenya": null,
  G4S: null,
};

/** Each carrier's Standard Carrier Alpha Code, for EDI ship notices (blank for carriers without one). */
const SCAC_CODES: Record<ShippingCarrier, string> = {
  DHL: "DHLC",
  FedEx: "FDEG",
  UPS: "UPSN",
  USPS: "USPS",
  Aramex: "ARMX",
  "Posta Kenya": "",
  G4S: "",
};

/** The carrier's SCAC, or "" for an unknown carrier or one without a code. */
export function carrierScac(carrier: string): string {
  return Object.hasOwn(SCAC_CODES, carrier) ? SCAC_CODES[carrier as ShippingCarrier] : "";
}

/** The carrier's tracking page for a stored shipment; null for an unknown carrier, a carrier without one, or a malformed number. */
export function trackingUrl(carrier: string, trackingNumber: string): string | null {
  if (!Object.hasOwn(TRACKING_PAGES, carrier) || !trackingNumberField.safeParse(trackingNumber).success) return null;
  const page = TRACKING_PAGES[carrier as ShippingCarrier];
  return page ? page(encodeURIComponent(trackingNumber)) : null;
}
