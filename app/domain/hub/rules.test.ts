import { describe, expect, it } from "vitest";
import { normalizeKenyanPhone } from "~/lib/phone";
import {
  dateToNairobiLocal,
  defectText,
  formatNairobi,
  inspectRefusal,
  inspectSchema,
  nairobiLocalToDate,
  nextQualityScore,
  normalizeRequestNumber,
  pickupRefusal,
  pickupSmsText,
  pickupTimeRefusal,
  planQc,
  qcOutcome,
  receiveRefusal,
  reworkDueDate,
  schedulePickupSchema,
  shipSchema,
} from "./rules";

describe("request numbers", () => {
  it("accepts what a label, a person or a scanner types", () => {
    expect(normalizeRequestNumber("PR-50012")).toBe("PR-50012");
    expect(normalizeRequestNumber(" pr-50012 ")).toBe("PR-50012");
    expect(normalizeRequestNumber("pr 50012")).toBe("PR-50012");
    expect(normalizeRequestNumber("PR50012")).toBe("PR-50012");
    expect(normalizeRequestNumber("50012")).toBe("PR-50012");
  });
  it("refuses anything else", () => {
    for (const bad of ["", "PR-", "SK-100001", "PR-12a", "PR--5", "1234567890"]) expect(normalizeRequestNumber(bad)).toBeNull();
  });
});

describe("state messages", () => {
  it("receives ready, collected (and a repeat of received), refuses the rest with the status in words", () => {
    expect(receiveRefusal("PR-1", "ready")).toBeNull();
    expect(receiveRefusal("PR-1", "collected")).toBeNull();
    expect(receiveRefusal("PR-1", "received")).toBeNull();
    expect(receiveRefusal("PR-50012", "in_progress")).toBe("PR-50012 is in progress; it can't be received yet.");
    expect(receiveRefusal("PR-1", "cancelled")).toBe("PR-1 is cancelled; it can't be received.");
    expect(receiveRefusal("PR-1", "qc_passed")).toBe("PR-1 has already been received and passed its quality check.");
  });
  it("inspects only received requests", () => {
    expect(inspectRefusal("PR-1", "received")).toBeNull();
    expect(inspectRefusal("PR-1", "ready")).toBe("PR-1 hasn't been received at the hub yet: receive it first.");
    expect(inspectRefusal("PR-1", "qc_passed")).toBe("PR-1 has already been quality checked; nothing changed.");
  });
  it("schedules pickups only for ready work", () => {
    expect(pickupRefusal("PR-1", "ready")).toBeNull();
    expect(pickupRefusal("PR-1", "accepted")).toBe("PR-1 is accepted by its artisan; schedule a pickup once the artisan marks it ready.");
    expect(pickupRefusal("PR-1", "received")).toBe("PR-1 has already been collected.");
  });
});

describe("Nairobi time", () => {
  it("reads a datetime-local value as UTC+3 and writes it back", () => {
    const date = nairobiLocalToDate("2026-11-02T10:30")!;
    expect(date.toISOString()).toBe("2026-11-02T07:30:00.000Z");
    expect(dateToNairobiLocal(date)).toBe("2026-11-02T10:30");
    expect(formatNairobi(date)).toBe("Mon 2 Nov, 10:30");
    expect(formatNairobi(date, "sw")).toBe("Jumatatu 2 Nov, 10:30");
  });
  it("refuses impossible dates", () => {
    expect(nairobiLocalToDate("2026-02-30T10:00")).toBeNull();
    expect(nairobiLocalToDate("2026-11-02 10:30")).toBeNull();
    expect(nairobiLocalToDate("tomorrow")).toBeNull();
  });
  it("keeps pickups between an hour ago and 30 days ahead", () => {
    const now = new Date("2026-11-02T07:00:00Z");
    expect(pickupTimeRefusal(new Date("2026-11-02T06:30:00Z"), now)).toBeNull();
    expect(pickupTimeRefusal(new Date("2026-11-02T05:00:00Z"), now)).toMatch(/already passed/);
    expect(pickupTimeRefusal(new Date("2026-12-10T05:00:00Z"), now)).toMatch(/30 days/);
  });
});

describe("pickup form", () => {
  it("normalises the rider's phone and the time", () => {
    const parsed = schedulePickupSchema.parse({
      intent: "schedule_pickup",
      number: "50012",
      scheduledFor: "2026-11-02T10:30",
      riderName: " Otieno ",
      riderPhone: "0712 345 678",
    });
    expect(parsed).toEqual({
      intent: "schedule_pickup",
      number: "PR-50012",
      scheduledFor: new Date("2026-11-02T07:30:00Z"),
      riderName: "Otieno",
      riderPhone: "+254712345678",
    });
  });
  it("names each bad field", () => {
    const result = schedulePickupSchema.safeParse({
      intent: "schedule_pickup",
      number: "x",
      scheduledFor: "",
      riderName: "",
      riderPhone: "12345",
    });
    expect(result.success).toBe(false);
    const fields = result.success ? [] : result.error.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["number", "scheduledFor", "riderName", "riderPhone"]));
  });
  it("knows Kenyan mobile numbers", () => {
    expect(normalizeKenyanPhone("+254 112 345 678")).toBe("+254112345678");
    expect(normalizeKenyanPhone("254712345678")).toBe("+254712345678");
    expect(normalizeKenyanPhone("+1 415 555 0100")).toBeNull();
  });
  it("writes the artisan's SMS in their language", () => {
    const input = {
      number: "PR-50012",
      quantity: 3,
      product: "Horn Hoops",
      when: new Date("2026-11-02T07:30:00Z"),
      riderName: "Otieno",
      riderPhone: "+254712345678",
    };
    expect(pickupSmsText({ ...input, language: "en" })).toBe(
      "Soko: Rider Otieno (+254712345678) will collect PR-50012 (3 x Horn Hoops) on Mon 2 Nov, 10:30. Please have it ready.",
    );
    expect(pickupSmsText({ ...input, language: "sw" })).toContain("atachukua PR-50012 (3 x Horn Hoops) Jumatatu 2 Nov, 10:30");
  });
});

describe("quality check", () => {
  const form = (fields: Record<string, string>) => inspectSchema.safeParse({ intent: "inspect", number: "PR-50012", ...fields });

  it("needs whole numbers and, when any fail, a defect and what happens next", () => {
    expect(form({ passed: "3", failed: "0" }).success).toBe(true);
    const noReason = form({ passed: "1", failed: "2" });
    expect(noReason.success ? [] : noReason.error.issues.map((i) => i.path[0])).toEqual(["defect", "failedAction"]);
    const other = form({ passed: "0", failed: "2", defect: "other", failedAction: "rework" });
    expect(other.success ? [] : other.error.issues.map((i) => i.message)).toEqual(["Describe the defect."]);
    expect(form({ passed: "-1", failed: "0" }).success).toBe(false);
    expect(form({ passed: "1.5", failed: "0" }).success).toBe(false);
    expect(form({ passed: "0", failed: "0" }).success).toBe(false);
  });

  it("plans pass, fail and split, and refuses counts that don't add up", () => {
    expect(planQc(3, { passed: 3, failed: 0 })).toEqual({ ok: true, plan: { kind: "pass", passed: 3 } });
    expect(planQc(3, { passed: 0, failed: 3, failedAction: "redispatch" })).toEqual({
      ok: true,
      plan: { kind: "fail", failed: 3, action: "redispatch" },
    });
    expect(planQc(5, { passed: 3, failed: 2, failedAction: "rework" })).toEqual({
      ok: true,
      plan: { kind: "split", passed: 3, failed: 2, action: "rework" },
    });
    expect(planQc(5, { passed: 3, failed: 1 })).toEqual({
      ok: false,
      message: "This request has 5 units: passed and failed must add up to 5 (you entered 3 + 1).",
    });
    expect(qcOutcome({ kind: "pass", passed: 1 })).toBe("passed");
    expect(qcOutcome({ kind: "split", passed: 1, failed: 1, action: "redispatch" })).toBe("failed_redispatch");
  });

  it("describes the defect", () => {
    expect(defectText("fastening", "hook bent")).toBe("Clasp, hook or fastening: hook bent");
    expect(defectText("finish", undefined)).toBe("Finish or polish");
    expect(defectText("other", "glass chipped")).toBe("glass chipped");
    expect(defectText(undefined, "ignored")).toBeNull();
  });

  it("moves the quality score as a rolling pass rate", () => {
    expect(nextQualityScore(9000, 0, 0)).toBe(9000);
    // One unit at 5% weight: 9000 → 9000 × 0.95 + 10000 × 0.05.
    expect(nextQualityScore(9000, 1, 0)).toBe(9050);
    expect(nextQualityScore(9000, 0, 1)).toBe(8550);
    // Many passes approach 100%, many failures 0%.
    expect(nextQualityScore(5000, 200, 0)).toBe(10000);
    expect(nextQualityScore(5000, 0, 200)).toBe(0);
    // Unit by unit or all at once: the same for the same pass rate.
    let stepwise = 9000;
    for (let i = 0; i < 4; i += 1) stepwise = nextQualityScore(stepwise, 1, 0);
    expect(Math.abs(stepwise - nextQualityScore(9000, 4, 0))).toBeLessThanOrEqual(2);
  });

  it("gives remade units at least the lead time from today", () => {
    expect(reworkDueDate("2026-12-01", "2026-11-02", 7)).toBe("2026-12-01");
    expect(reworkDueDate("2026-11-01", "2026-11-02", 7)).toBe("2026-11-09");
  });
});

describe("ship form", () => {
  const ship = (fields: Record<string, string>) =>
    shipSchema.safeParse({ intent: "ship", order: "SK-100001", carrier: "DHL", trackingNumber: "1234567890", ...fields });
  it("takes a listed carrier and a tracking number without spaces", () => {
    expect(ship({}).success).toBe(true);
    expect(ship({ carrier: "Posta Kenya", trackingNumber: " RR123456789KE " }).success).toBe(true);
    const spaced = ship({ trackingNumber: "1234 5678" });
    expect(spaced.success ? null : spaced.error.issues[0].message).toBe("Enter the tracking number without spaces.");
    const empty = ship({ trackingNumber: " " });
    expect(empty.success ? null : empty.error.issues[0].message).toBe("Enter the tracking number.");
    const carrier = ship({ carrier: "Pigeon" });
    expect(carrier.success ? null : carrier.error.issues[0].message).toBe(
      "Choose the carrier: DHL, FedEx, UPS, USPS, Posta Kenya, Aramex, G4S.",
    );
  });
});
