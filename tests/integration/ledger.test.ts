import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import {
  artisanBalance,
  artisanStatement,
  creditArtisanForQc,
  postEntry,
  trialBalance,
  trialBalanceSummary,
} from "~/domain/ledger/ledger.server";
import { db, schema } from "~/lib/db.server";
import { loader as earningsLoader } from "~/routes/artisan.earnings";
import { call, get } from "./artisan-support";
import { artisanSessionCookie } from "./session-support";

let variantId: number;
let akinyi: number;
let otieno: number;
let seq = 0;

/** A delivered request and its QC inspection, as the hub would leave them. */
async function inspected(artisanId: number, unitsPassed: number, pieceRate = 15000) {
  seq += 1;
  const [request] = await db
    .insert(schema.productionRequests)
    .values({
      number: `PR-T${seq}`,
      variantId,
      quantity: unitsPassed + 1,
      artisanId,
      pieceRate,
      dueDate: "2026-12-01",
      status: "received",
    })
    .returning();
  const [inspection] = await db
    .insert(schema.qcInspections)
    .values({
      requestId: request.id,
      unitsPassed,
      unitsFailed: 1,
      outcome: "passed",
      inspector: "test",
      defectReason: "chipped",
    })
    .returning();
  return { request, inspection };
}

async function expectBooksBalanced() {
  const { accounts, totals } = await trialBalance();
  expect(accounts.length).toBeGreaterThan(0);
  for (const total of Object.values(totals)) expect(total).toBe(0);
  const [raw] = await db.execute<{ total: string }>(sql`select coalesce(sum(amount), 0)::text as total from ledger_lines`);
  expect(Number(raw.total)).toBe(0);
  const unbalanced = await db.execute(sql`select entry_id from ledger_lines group by entry_id, currency having sum(amount) <> 0`);
  expect(unbalanced.length).toBe(0);
}

beforeAll(async () => {
  variantId = (await createProduct(db, { handle: "horn-cuff", title: "Horn cuff", status: "active", variants: [{ pieceRate: 15000 }] }))
    .variants[0].id;
  akinyi = (await createArtisan(db, { firstName: "Akinyi" })).artisan.id;
  otieno = (await createArtisan(db, { firstName: "Otieno" })).artisan.id;
});

describe("crediting artisans for QC-passed work", () => {
  it("credits units × piece rate once per inspection, even when called twice or concurrently", async () => {
    const { request, inspection } = await inspected(akinyi, 3);
    const credit = { requestId: request.id, inspectionId: inspection.id, artisanId: akinyi, units: 3, pieceRate: 15000, currency: "KES" };
    const first = await db.transaction((tx) => creditArtisanForQc(tx, credit));
    expect(first).toEqual({ created: true, amount: 45000 });
    const again = await db.transaction((tx) => creditArtisanForQc(tx, credit));
    expect(again).toEqual({ created: false, amount: 0 });
    const concurrent = await Promise.all([1, 2, 3].map(() => db.transaction((tx) => creditArtisanForQc(tx, credit))));
    expect(concurrent.every((r) => !r.created)).toBe(true);
    expect(await artisanBalance(akinyi)).toEqual({ amount: 45000, currency: "KES" });
    await expectBooksBalanced();
  });

  it("two first-time concurrent credits for a new inspection record exactly one entry", async () => {
    const { request, inspection } = await inspected(otieno, 2, 20000);
    const credit = { requestId: request.id, inspectionId: inspection.id, artisanId: otieno, units: 2, pieceRate: 20000, currency: "KES" };
    const results = await Promise.all([1, 2, 3, 4].map(() => db.transaction((tx) => creditArtisanForQc(tx, credit))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await artisanBalance(otieno)).toEqual({ amount: 40000, currency: "KES" });
    await expectBooksBalanced();
  });

  it("rolls back with the caller's transaction: no credit without the QC change", async () => {
    const { request, inspection } = await inspected(akinyi, 1);
    const before = await artisanBalance(akinyi);
    await expect(
      db.transaction(async (tx) => {
        await creditArtisanForQc(tx, {
          requestId: request.id,
          inspectionId: inspection.id,
          artisanId: akinyi,
          units: 1,
          pieceRate: 15000,
          currency: "KES",
        });
        throw new Error("hub step failed");
      }),
    ).rejects.toThrow("hub step failed");
    expect(await artisanBalance(akinyi)).toEqual(before);
    const entries = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.reference, `qc:${inspection.id}`));
    expect(entries).toHaveLength(0);
  });

  it("zero passed units credits nothing; bad numbers are refused", async () => {
    const { request, inspection } = await inspected(akinyi, 0);
    const base = { requestId: request.id, inspectionId: inspection.id, artisanId: akinyi, pieceRate: 15000, currency: "KES" };
    expect(await db.transaction((tx) => creditArtisanForQc(tx, { ...base, units: 0 }))).toEqual({ created: false, amount: 0 });
    await expect(db.transaction((tx) => creditArtisanForQc(tx, { ...base, units: -1 }))).rejects.toThrow(/unit count/);
    await expect(db.transaction((tx) => creditArtisanForQc(tx, { ...base, units: 1.5 }))).rejects.toThrow(/unit count/);
    await expectBooksBalanced();
  });
});

describe("postEntry", () => {
  it("refuses an unbalanced entry before writing, and the database trigger refuses one written by hand", async () => {
    await expect(
      postEntry(db, {
        kind: "test",
        reference: "bad:1",
        lines: [
          { accountCode: "soko:cash", amount: 100, currency: "KES" },
          { accountCode: "soko:mpesa_clearing", amount: -99, currency: "KES" },
        ],
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(
      db.transaction(async (tx) => {
        const [entry] = await tx.insert(schema.ledgerEntries).values({ kind: "test", reference: "bad:2" }).returning();
        const [account] = await tx.select().from(schema.ledgerAccounts).where(eq(schema.ledgerAccounts.code, "soko:production_cost"));
        await tx.insert(schema.ledgerLines).values({ entryId: entry.id, accountId: account.id, amount: 5, currency: "KES" });
      }),
    ).rejects.toThrow(/does not balance/);
    const bad = await db.select().from(schema.ledgerEntries).where(sql`${schema.ledgerEntries.reference} like 'bad:%'`);
    expect(bad).toHaveLength(0);
    await expectBooksBalanced();
  });

  it("outside a transaction it still writes the entry and its lines together", async () => {
    const result = await postEntry(db, {
      kind: "test",
      reference: "manual:1",
      memo: "float top-up",
      lines: [
        { accountCode: "soko:cash", amount: 100, currency: "KES" },
        { accountCode: "soko:mpesa_clearing", amount: -100, currency: "KES" },
      ],
    });
    expect(result.created).toBe(true);
    expect(
      (
        await postEntry(db, {
          kind: "test",
          reference: "manual:1",
          lines: [
            { accountCode: "soko:cash", amount: 1, currency: "KES" },
            { accountCode: "soko:mpesa_clearing", amount: -1, currency: "KES" },
          ],
        })
      ).created,
    ).toBe(false);
    await expectBooksBalanced();
  });
});

describe("statements and the trial balance", () => {
  it("shows only this artisan's QC lines with request number, product, units, rate and amount", async () => {
    const statement = await artisanStatement(akinyi);
    expect(statement.lines.length).toBeGreaterThan(0);
    for (const line of statement.lines) {
      expect(line.type).toBe("credit");
      if (line.type !== "credit") continue;
      expect(line.requestNumber).toMatch(/^PR-T/);
      expect(line.productTitle).toBe("Horn cuff");
      expect(line.pieceRate).toBe(15000);
      expect(line.amount).toBe(line.units! * line.pieceRate!);
    }
    const total = statement.lines.reduce((sum, line) => sum + line.amount, 0);
    expect(total).toBe((await artisanBalance(akinyi)).amount);
    const theirs = await artisanStatement(otieno);
    expect(theirs.lines.map((l) => l.amount)).toEqual([40000]);
  });

  it("pages the statement", async () => {
    const many = (await createArtisan(db, { firstName: "Many" })).artisan.id;
    for (let i = 0; i < 23; i++) {
      const { request, inspection } = await inspected(many, 1, 1000 + i);
      await db.transaction((tx) =>
        creditArtisanForQc(tx, {
          requestId: request.id,
          inspectionId: inspection.id,
          artisanId: many,
          units: 1,
          pieceRate: 1000 + i,
          currency: "KES",
        }),
      );
    }
    const first = await artisanStatement(many, 1);
    const second = await artisanStatement(many, 2);
    expect(first.lines).toHaveLength(20);
    expect(second.lines).toHaveLength(3);
    expect(first.pageCount).toBe(2);
    expect(first.lines[0].amount).toBe(1022);
    expect(new Set([...first.lines, ...second.lines].map((l) => l.key)).size).toBe(23);
    // Past the last page (an old link): still counted, so her page says so and links back.
    expect(await artisanStatement(many, 5)).toMatchObject({ lines: [], page: 5, pageCount: 2, total: 23 });
    expect((await artisanStatement(2_000_000_000, 3)).total).toBe(0);
    // Her earnings page: past the end it keeps the page count for the link back; a page that isn't one is a 400 said in her language.
    const cookie = await artisanSessionCookie(many);
    const earnings = (query: string) => call(earningsLoader, get(`/artisan/earnings${query}`, cookie));
    expect((await earnings("?page=5")).body).toMatchObject({ lines: [], page: 5, pageCount: 2 });
    expect(await earnings("?page=x")).toMatchObject({ status: 400, message: "err.page" });
    expect(await earnings("?page=0")).toMatchObject({ status: 400, message: "err.page" });
  });

  it("summarises payables together and sums to zero", async () => {
    const summary = await trialBalanceSummary();
    expect(summary.totals.KES).toBe(0);
    const payables = summary.accounts.find((a) => a.kind === "artisan_payable")!;
    expect(payables.accounts).toBe(3);
    expect(payables.name).toBe("Owed to artisans");
    // Every row reads as a name, never the account's bare code.
    for (const row of summary.accounts) expect(row.name, row.label).not.toMatch(/^(soko|artisan):/);
    await expectBooksBalanced();
  });
});
