/**
 * /ops/payouts "Who the next run pays": search (name, phone, settlement), 50 a page, most owed first
 * (then name), and the whole run's totals whatever the page or search — through the route's loader,
 * against a real database with more artisans than fit on one page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct, createStaff } from "#db/seed/factories";
import { creditArtisanForQc } from "~/domain/ledger/ledger.server";
import { runPayouts } from "~/domain/payouts/payouts.server";
import { loader as payoutsLoader } from "~/routes/ops.payouts";
import { db, schema } from "~/lib/db.server";
import { staffSessionCookie } from "./session-support";
import { call, get } from "./artisan-support";

type Row = { artisanId: number; name: string; owed: number; amount: number; skip: string | null; settlement: string | null };
type Preview = {
  count: number;
  total: number;
  listed: number;
  matches: number;
  page: number;
  pageCount: number;
  from: number;
  to: number;
  q: string;
  shown: Row[];
};

let variantId: number;
let seq = 0;
/** What a QC pass leaves: the artisan is owed `owed` (KES minor units) more. */
async function credit(artisanId: number, owed: number) {
  seq += 1;
  const [request] = await db
    .insert(schema.productionRequests)
    .values({ number: `PR-V${seq}`, variantId, quantity: 1, artisanId, pieceRate: owed, dueDate: "2026-12-01", status: "qc_passed" })
    .returning();
  const [inspection] = await db
    .insert(schema.qcInspections)
    .values({ requestId: request.id, unitsPassed: 1, outcome: "passed", inspector: "test" })
    .returning();
  await db.transaction((tx) =>
    creditArtisanForQc(tx, { requestId: request.id, inspectionId: inspection.id, artisanId, units: 1, pieceRate: owed, currency: "KES" }),
  );
}

let cookie: string;
/** Everyone owed at least the default KES 500, as the test made them. */
const owedList: Array<{ id: number; name: string; owed: number; paid: boolean }> = [];
let wanjiru: number;
let otieno: number;

async function preview(query = "") {
  const outcome = await call(payoutsLoader, get(`/ops/payouts${query}`, cookie));
  expect(outcome.status, outcome.message).toBe(200);
  return (outcome.body as { preview: Preview }).preview;
}

/** The order the page promises, worked out here from what the test credited. */
const expectedOrder = () => [...owedList].sort((a, b) => b.owed - a.owed || a.name.localeCompare(b.name) || a.id - b.id).map((a) => a.id);

beforeAll(async () => {
  variantId = (await createProduct(db, { handle: "horn-cuffs", title: "Horn cuffs", status: "active" })).variants[0].id;
  const staff = await createStaff(db, { roles: ["finance"] });
  cookie = await staffSessionCookie(staff.id);

  // 110 artisans owed KES 600 … 960 (three to an amount, so names break ties), created in reverse
  // name order, so neither id nor creation order can pass for the page's order; every fifth lives in Mathare.
  for (let k = 109; k >= 0; k -= 1) {
    const owed = 60_000 + (k % 37) * 1_000;
    const { artisan } = await createArtisan(db, {
      firstName: "Amani",
      lastName: `Crowd${String(k).padStart(3, "0")}`,
      phone: `+2547550${String(k).padStart(5, "0")}`,
      settlement: k % 5 === 0 ? "Mathare" : "Kibera",
      county: "Nairobi",
    });
    await credit(artisan.id, owed);
    owedList.push({ id: artisan.id, name: `${artisan.firstName} ${artisan.lastName}`, owed, paid: true });
  }
  // Owed the least of everyone listed: the last page without a search.
  wanjiru = (
    await createArtisan(db, {
      firstName: "Wanjiru",
      lastName: "Kamau",
      phone: "+254733000001",
      payoutPhone: "+254733000091",
      settlement: "Kariobangi",
      county: "Nairobi",
    })
  ).artisan.id;
  await credit(wanjiru, 55_000);
  owedList.push({ id: wanjiru, name: "Wanjiru Kamau", owed: 55_000, paid: true });
  // Owed the most, but no payout phone: listed first, never in the run's totals.
  otieno = (
    await createArtisan(db, {
      firstName: "Otieno",
      lastName: "Ochieng",
      phone: "+254733000002",
      payoutPhone: "not a phone",
      settlement: "Nyalenda",
      county: "Kisumu",
    })
  ).artisan.id;
  await credit(otieno, 200_000);
  owedList.push({ id: otieno, name: "Otieno Ochieng", owed: 200_000, paid: false });
  // Under the KES 500 threshold: not in the run at all.
  const chausiku = (await createArtisan(db, { firstName: "Chausiku", lastName: "Njeri", phone: "+254733000003", settlement: "Kariobangi" }))
    .artisan.id;
  await credit(chausiku, 30_000);
}, 120_000);

describe("who the next run pays", () => {
  it("shows 50 a page, most owed first then by name, and every listed artisan on exactly one page", async () => {
    const order = expectedOrder();
    const first = await preview();
    expect(first).toMatchObject({ listed: 112, matches: 112, page: 1, pageCount: 3, from: 1, to: 50, q: "" });
    expect(first.shown.map((r) => r.artisanId)).toEqual(order.slice(0, 50));
    expect(first.shown[0]).toMatchObject({ artisanId: otieno, skip: "no_phone", owed: 200_000 });
    // Ties on the amount are broken by name.
    const tied = first.shown.filter((r) => r.owed === first.shown[1].owed).map((r) => r.name);
    expect(tied.length).toBeGreaterThan(1);
    expect(tied).toEqual([...tied].sort((a, b) => a.localeCompare(b)));

    const second = await preview("?page=2");
    expect(second).toMatchObject({ page: 2, from: 51, to: 100 });
    expect(second.shown.map((r) => r.artisanId)).toEqual(order.slice(50, 100));
    const third = await preview("?page=3");
    expect(third).toMatchObject({ page: 3, from: 101, to: 112 });
    expect(third.shown.map((r) => r.artisanId)).toEqual(order.slice(100));
    expect(third.shown.at(-1)!.artisanId).toBe(wanjiru);

    const everyone = [...first.shown, ...second.shown, ...third.shown].map((r) => r.artisanId);
    expect(new Set(everyone).size).toBe(112);
    for (let i = 1; i < order.length; i += 1) {
      const [a, b] = [owedList.find((x) => x.id === order[i - 1])!, owedList.find((x) => x.id === order[i])!];
      expect(a.owed).toBeGreaterThanOrEqual(b.owed);
    }
    // Past the last page: the last page, not an empty table.
    expect(await preview("?page=40")).toMatchObject({ page: 3, from: 101 });
  });

  it("shows the whole run's count and sum on every page and with any search", async () => {
    const paid = owedList.filter((a) => a.paid);
    const expected = { count: paid.length, total: paid.reduce((sum, a) => sum + a.owed, 0) };
    expect(expected.count).toBe(111);
    for (const query of ["", "?page=2", "?page=3", "?q=Wanjiru", "?q=Mombasa", "?q=mathare&page=1"]) {
      expect(await preview(query), query).toMatchObject(expected);
    }
  });

  it("finds an artisan by name, wherever they would be in the list", async () => {
    const found = await preview("?q=wanjiru%20kamau");
    expect(found).toMatchObject({ matches: 1, listed: 112, pageCount: 1, page: 1, q: "wanjiru kamau" });
    expect(found.shown).toMatchObject([
      { artisanId: wanjiru, name: "Wanjiru Kamau", owed: 55_000, amount: 55_000, skip: null, settlement: "Kariobangi" },
    ]);
    expect((await preview("?q=KAMAU")).shown.map((r) => r.artisanId)).toEqual([wanjiru]);
    // A first name 110 artisans share: paged and ordered as everywhere else.
    const amani = await preview("?q=amani");
    expect(amani.matches).toBe(110);
    expect(amani.shown.map((r) => r.artisanId)).toEqual(
      expectedOrder()
        .filter((id) => id !== otieno && id !== wanjiru)
        .slice(0, 50),
    );
  });

  it("finds an artisan by sign-in or payout phone, typed any usual way", async () => {
    for (const typed of ["+254733000001", "0733 000 001", "0733000091", "254733000091"]) {
      const found = await preview(`?q=${encodeURIComponent(typed)}`);
      expect(
        found.shown.map((r) => r.artisanId),
        typed,
      ).toEqual([wanjiru]);
    }
    // A skipped artisan is findable too (that is how finance sees why).
    expect((await preview(`?q=${encodeURIComponent("0733 000 002")}`)).shown).toMatchObject([{ artisanId: otieno, skip: "no_phone" }]);
    // The artisan under the threshold is not in this run, whatever is typed.
    expect((await preview(`?q=${encodeURIComponent("+254733000003")}`)).matches).toBe(0);
  });

  it("finds artisans by settlement or county, and pages a search", async () => {
    const mathare = await preview("?q=Mathare");
    expect(mathare.matches).toBe(22);
    expect(mathare.shown.map((r) => r.settlement)).toEqual(Array(22).fill("Mathare"));
    expect(mathare.shown.map((r) => r.artisanId)).toEqual(expectedOrder().filter((id) => mathare.shown.some((r) => r.artisanId === id)));
    expect((await preview("?q=kariobangi")).shown.map((r) => r.artisanId)).toEqual([wanjiru]);
    expect((await preview("?q=Kisumu")).shown.map((r) => r.artisanId)).toEqual([otieno]);

    const kibera = await preview("?q=kibera&page=2");
    expect(kibera).toMatchObject({ matches: 88, page: 2, pageCount: 2, from: 51, to: 88 });
    expect(kibera.shown.every((r) => r.settlement === "Kibera")).toBe(true);
  });

  it("searches within the threshold being previewed", async () => {
    const higher = await preview("?threshold=900&q=amani");
    const expected = owedList.filter((a) => a.name.startsWith("Amani") && a.owed >= 90_000);
    expect(higher.matches).toBe(expected.length);
    expect(higher.shown.every((r) => r.owed >= 90_000)).toBe(true);
    const everyoneOver = owedList.filter((a) => a.owed >= 90_000);
    expect(higher).toMatchObject({ listed: everyoneOver.length, count: everyoneOver.filter((a) => a.paid).length });
  });

  it("an empty result when the search matches nobody; a search too long is refused", async () => {
    const none = await preview("?q=Mombasa");
    expect(none).toMatchObject({ matches: 0, shown: [], page: 1, pageCount: 1, from: 0, to: 0, q: "Mombasa", listed: 112 });
    const tooLong = await call(payoutsLoader, get(`/ops/payouts?q=${"x".repeat(101)}`, cookie));
    expect(tooLong.status).toBe(400);
    expect(tooLong.message).toMatch(/at most 100 characters/);
    expect((await call(payoutsLoader, get("/ops/payouts?page=abc", cookie))).status).toBe(400);
  });

  it("the run then pays exactly what the preview totalled", async () => {
    const before = await preview("?page=3");
    const run = await runPayouts({ threshold: 50_000, actor: "test" });
    expect({ paid: run.paid, total: run.total }).toEqual({ paid: before.count, total: before.total });
    const after = await preview();
    expect(after).toMatchObject({ count: 0, total: 0, listed: 1 });
    expect(after.shown.map((r) => r.artisanId)).toEqual([otieno]);
  });
});
