import { describe, expect, it } from "vitest";
import { shipSchema } from "~/domain/hub";
import { orderActionSchema } from "./refund-rules";
import { CARRIER_MESSAGE, SHIPPING_CARRIERS, shipmentProblem, trackingUrl } from "./shipping-rules";

/** What the hub's packing form and the ops order page each make of one carrier and tracking number. */
function bothForms(carrier: string, trackingNumber: string) {
  const hub = shipSchema.safeParse({ intent: "ship", order: "SK-100001", carrier, trackingNumber });
  const ops = orderActionSchema.safeParse({ intent: "ship", carrier, trackingNumber });
  const outcome = (r: typeof hub | typeof ops) =>
    r.success
      ? {
          ok: true,
          carrier: r.data.intent === "ship" ? r.data.carrier : null,
          trackingNumber: r.data.intent === "ship" ? r.data.trackingNumber : null,
        }
      : { ok: false, message: r.error.issues[0].message };
  return { hub: outcome(hub), ops: outcome(ops) };
}

const CASES: Array<[carrier: string, tracking: string, expected: string | null]> = [
  ["DHL", "JD014600006281234567", null],
  ["Posta Kenya", " RR123456789KE ", null],
  ["Aramex", "1234-5678", null],
  ["G4S", "ABCD", null],
  ["DHL", "12 34", "Enter the tracking number without spaces."],
  ["DHL", "JD0146 0000", "Enter the tracking number without spaces."],
  ["DHL", " ", "Enter the tracking number."],
  ["DHL", "<x>", "Enter the tracking number with letters, digits and dashes only."],
  ["DHL", "ABC", "Enter the whole tracking number (at least 4 characters)."],
  ["DHL", "A".repeat(41), "Tracking numbers are at most 40 characters."],
  ["Pigeon", "1234567890", CARRIER_MESSAGE],
  ["DHL Express", "1234567890", CARRIER_MESSAGE],
  ["", "1234567890", CARRIER_MESSAGE],
];

describe("shipping an order: one rule for the hub and the ops order page", () => {
  it("lists every carrier either page offered", () => {
    expect(SHIPPING_CARRIERS).toEqual(["DHL", "FedEx", "UPS", "USPS", "Posta Kenya", "Aramex", "G4S"]);
  });

  it.each(CASES)("%j %j → %j on both forms and in shipOrder's check", (carrier, tracking, expected) => {
    const { hub, ops } = bothForms(carrier, tracking);
    expect(hub).toEqual(ops);
    expect(hub.ok ? null : (hub as { message: string }).message).toBe(expected);
    if (expected === null) expect(shipmentProblem({ carrier, trackingNumber: tracking.trim() })).toBeNull();
    else expect(shipmentProblem({ carrier, trackingNumber: tracking })).toBe(expected);
  });
});

describe("trackingUrl", () => {
  it("links each carrier's own tracking page for the number", () => {
    expect(trackingUrl("UPS", "1Z999AA10123456784")).toBe("https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784");
    expect(trackingUrl("USPS", "9400111899223197428490")).toBe(
      "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490",
    );
    expect(trackingUrl("DHL", "1234567890")).toMatch(/^https:\/\/www\.dhl\.com\/.+tracking-id=1234567890$/);
    expect(trackingUrl("FedEx", "123456789012")).toBe("https://www.fedex.com/fedextrack/?trknbr=123456789012");
  });

  it("is null for a carrier without a linkable page, an unknown carrier or a malformed number", () => {
    expect(trackingUrl("Posta Kenya", "RR123456789KE")).toBeNull();
    expect(trackingUrl("Pigeon", "1234567890")).toBeNull();
    expect(trackingUrl("UPS", "12 34")).toBeNull();
    expect(trackingUrl("UPS", "<script>")).toBeNull();
  });
});
