/**
 * The web checkout's order runs in a lean transaction (db/client.ts): BEGIN pipelined with the first
 * statements, no relational schema. It must still be a transaction: all or nothing, whatever the
 * work does with a failed statement, and its connection back in the pool afterwards.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db, leanTransaction } from "~/lib/db.server";

const probe = async () => (await db.execute<{ id: number }>(sql`select id from lean_probe order by id`)).map((r) => r.id);

beforeAll(async () => {
  await db.execute(sql`create table lean_probe (id int primary key)`);
});

describe("a lean transaction", () => {
  it("commits what its statements wrote, and answers what the work returns", async () => {
    const result = await leanTransaction(async (tx) => {
      await Promise.all([tx.execute(sql`insert into lean_probe values (1)`), tx.execute(sql`insert into lean_probe values (2)`)]);
      const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from lean_probe`);
      return row.n;
    });
    expect(result).toBe(2);
    expect(await probe()).toEqual([1, 2]);
  });

  it("rolls everything back when the work throws", async () => {
    await expect(
      leanTransaction(async (tx) => {
        await tx.execute(sql`insert into lean_probe values (3)`);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await probe()).toEqual([1, 2]);
  });

  it("rolls back and throws a failed statement's error even when the work caught it", async () => {
    await expect(
      leanTransaction(async (tx) => {
        await tx.execute(sql`insert into lean_probe values (4)`);
        await tx.execute(sql`insert into lean_probe values (1)`).catch(() => null); // a duplicate key, swallowed
        return "looked fine";
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await probe()).toEqual([1, 2]);
  });

  it("commits statements the work sent and left in flight (its COMMIT goes out behind them)", async () => {
    const result = await leanTransaction(async (tx) => {
      await tx.execute(sql`insert into lean_probe values (5)`);
      const inFlight = Promise.all([
        tx.execute(sql`insert into lean_probe values (6)`),
        tx.execute(sql`insert into lean_probe values (7)`),
      ]);
      inFlight.catch(() => {});
      return "sent";
    });
    expect(result).toBe("sent");
    expect(await probe()).toEqual([1, 2, 5, 6, 7]);
  });

  it("rolls back and throws when a statement left in flight fails", async () => {
    await expect(
      leanTransaction(async (tx) => {
        await tx.execute(sql`insert into lean_probe values (8)`);
        const inFlight = Promise.all([
          tx.execute(sql`insert into lean_probe values (9)`),
          tx.execute(sql`insert into lean_probe values (5)`),
        ]);
        inFlight.catch(() => {}); // a duplicate key, never awaited by the work
        return "looked fine";
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await probe()).toEqual([1, 2, 5, 6, 7]);
  });

  it("refuses a statement started after the work returned, rather than run it outside the transaction", async () => {
    let kept: Parameters<Parameters<typeof leanTransaction>[0]>[0] | undefined;
    await leanTransaction(async (tx) => {
      kept = tx;
      return null;
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(kept!.execute(sql`insert into lean_probe values (10)`)).rejects.toHaveProperty(
      "cause.message",
      expect.stringMatching(/after its lean transaction's work returned/),
    );
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
    expect(await probe()).toEqual([1, 2, 5, 6, 7]);
  });

  it("gives its connection back: many in a row and at once, on a small pool", async () => {
    for (let i = 0; i < 30; i++) await leanTransaction((tx) => tx.execute(sql`select 1`));
    const ids = Array.from({ length: 40 }, (_, i) => 100 + i);
    await Promise.all(ids.map((id) => leanTransaction((tx) => tx.execute(sql`insert into lean_probe values (${id})`))));
    expect(await probe()).toEqual([1, 2, 5, 6, 7, ...ids]);
  });

  it("has no nested transactions (savepoints): refused rather than run outside the transaction", async () => {
    await expect(leanTransaction((tx) => tx.transaction(async () => null))).rejects.toThrow(/no nested transactions/);
  });
});
