import { describe, expect, it } from "vitest";
import { con, detailScreen, end, fitScreen, listScreen, parseChoice, parseInputs, renderReply, USSD_MAX_CHARS } from "./screens";
import { texts } from "~/domain/messaging/texts";

const offer = (n: number, title = "Horn Studs") => ({
  number: `PR-5001${n}`,
  quantity: 6,
  title,
  pieceRate: 35_000,
  currency: "KES",
  dueDate: "2026-12-12",
});

describe("USSD input", () => {
  it("splits the conversation on *; the first request has no answers", () => {
    expect(parseInputs("")).toEqual([]);
    expect(parseInputs("1234*1*2")).toEqual(["1234", "1", "2"]);
    expect(parseInputs("1234**1")).toEqual(["1234", "", "1"]);
  });

  it("takes one or two digits as a choice and nothing else", () => {
    expect(parseChoice("1")).toBe(1);
    expect(parseChoice("0")).toBe(0);
    expect(parseChoice("12")).toBe(12);
    for (const bad of ["", "a", "1a", "123", "-1", "#"]) expect(parseChoice(bad)).toBeNull();
  });

  it("renders CON and END on the wire", () => {
    expect(renderReply(con("Weka PIN yako:"))).toBe("CON Weka PIN yako:");
    expect(renderReply(end("Asante."))).toBe("END Asante.");
  });
});

describe("screens fit the phone", () => {
  it("shows one offer in full: number, quantity, title, pay per piece and due date", () => {
    const t = texts("en");
    const body = listScreen(
      t.offersHeader,
      [offer(2)].map((o) => ({ ...o, tail: t.offerTail(o) })),
      t.back,
    );
    expect(body).toBe("Offers:\n1. PR-50012 6x Horn Studs KES 350/pc, due 12 Dec\n0. Back");
  });

  it("shortens five offers with long titles to fit 182 characters, keeping every number", () => {
    const t = texts("sw");
    const items = [1, 2, 3, 4, 5].map((n) => offer(n, "Hand-carved Ankole Horn Statement Earrings"));
    const body = listScreen(
      t.offersHeader,
      items.map((o) => ({ ...o, tail: t.offerTail(o) })),
      t.back,
    );
    expect(body.length).toBeLessThanOrEqual(USSD_MAX_CHARS);
    for (const n of [1, 2, 3, 4, 5]) expect(body).toContain(`${n}. PR-5001${n} 6x Hand`);
    expect(body.endsWith("0. Rudi")).toBe(true);
  });

  it("shortens the title on a detail screen before cutting anything else", () => {
    const t = texts("en");
    const long = "Hand-carved Ankole Horn Statement Earrings with Recycled Brass Wire and Maasai Beads in Seven Colours, Large";
    const body = detailScreen((title) => `${t.offerDetail({ ...offer(2), title })}\n${t.offerActions}\n${t.back}`, long);
    expect(body.length).toBeLessThanOrEqual(USSD_MAX_CHARS);
    expect(body).toContain("PR-50012: 6x Hand-carved");
    expect(body.endsWith("1. Accept\n2. Decline\n0. Back")).toBe(true);
  });

  it("never sends more than a screen, and only plain characters", () => {
    const body = fitScreen(`“Karibu” — ${"x".repeat(300)}`);
    expect(body.length).toBe(USSD_MAX_CHARS);
    expect(body.startsWith('"Karibu" - ')).toBe(true);
  });

  it("writes the balance line as the artisan expects", () => {
    const last = { amount: 300_000, currency: "KES", at: new Date("2026-12-05T09:00:00Z"), receipt: "QK12AB34CD" };
    expect(texts("sw").balance(125_000, "KES", last)).toBe(
      "Salio lako ni KES 1,250. Malipo ya mwisho: KES 3,000 tarehe 5 Des (QK12AB34CD).",
    );
    expect(texts("en").balance(0, "KES", null)).toBe("Your balance is KES 0. No payments yet.");
  });

  it("says what accepted work will pay, and the longest balance still fits one USSD screen", () => {
    const pending = { amount: 310_000, currency: "KES", requests: 2 };
    expect(texts("sw").balance(0, "KES", null, pending)).toBe(
      "Salio lako ni KES 0. Inasubiri: KES 3,100 kwa kazi 2 ulizokubali. Bado hujapokea malipo.",
    );
    expect(texts("en").balance(0, "KES", null, { ...pending, requests: 1 })).toBe(
      "Your balance is KES 0. Pending: KES 3,100 for 1 accepted request. No payments yet.",
    );
    expect(texts("en").balance(0, "KES", null, { ...pending, amount: 0 })).toBe("Your balance is KES 0. No payments yet.");
    const last = { amount: 99_999_900, currency: "KES", at: new Date("2026-12-05T09:00:00Z"), receipt: "QK12AB34CD" };
    const most = { amount: 99_999_900, currency: "KES", requests: 120 };
    for (const language of ["sw", "en"] as const) {
      const body = texts(language).balance(99_999_900, "KES", last, most);
      expect(body.length).toBeLessThanOrEqual(USSD_MAX_CHARS);
      expect(end(body).body).toBe(body);
    }
  });
});
