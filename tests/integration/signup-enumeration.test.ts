/**
 * Sign-up tells nobody whether an email has an account (docs/decisions/0029): over real HTTP, as
 * `npm start` serves it with JavaScript off, a new email and one that has an account get the same
 * answer byte for byte (status, every header, the page with the address and the CSP nonce set
 * aside, and no cookie at all), after the same work (a pending row with a password hash and a job
 * each); the account is untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createCustomer } from "#db/seed/factories";
import { MAX_RESET_REQUESTS_PER_EMAIL } from "~/domain/accounts/password-reset.server";
import { db, schema } from "~/lib/db.server";
import { type App, buildIfStale, startHttp, stopAll } from "./app-process-support";

let app: App;

beforeAll(async () => {
  app = await startHttp(buildIfStale());
}, 300_000);

afterAll(stopAll);

async function signUp(email: string) {
  const response = await fetch(`${app.url}/account/signup`, {
    method: "POST",
    redirect: "manual",
    // Uncompressed, so Content-Length counts the page itself (gzip's size varies with the random nonce).
    headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html", "Accept-Encoding": "identity" },
    body: new URLSearchParams({ email, name: "Someone", password: "password-123", confirm: "password-123", redirectTo: "" }),
  });
  const body = await response.text();
  const nonce = /nonce-([A-Za-z0-9+/=_-]+)/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "no-nonce";
  const headers = [...response.headers]
    .filter(([name]) => name !== "date")
    .map(([name, value]) => [name, value.replaceAll(nonce, "NONCE")]);
  return {
    status: response.status,
    headers,
    setCookies: response.headers.getSetCookie(),
    body: body.replaceAll(nonce, "NONCE").replaceAll(email, "EMAIL"),
  };
}

describe("POST /account/signup over HTTP", () => {
  it("answers an email with an account exactly as a new one, and changes nothing of the account", async () => {
    // The same length, so even Content-Length can't differ.
    const taken = "taken-1@example.test";
    const fresh = "fresh-1@example.test";
    const owner = await createCustomer(db, { email: taken, name: "Owner", password: "owners-password" });
    const [before] = await db.select().from(schema.customers).where(eq(schema.customers.id, owner.id));

    const forTaken = await signUp(taken);
    const forFresh = await signUp(fresh);
    expect(forFresh.status).toBe(200);
    expect(forFresh.body).toContain("Check your email to finish");
    expect(forFresh.body).toContain("<strong>EMAIL</strong>");
    expect(forFresh.setCookies).toEqual([]);
    expect(forTaken).toEqual(forFresh);

    // The same work was done for both: a pending row with a password hash, and a job each.
    const rows = await db.select().from(schema.customerSignups).where(sql`${schema.customerSignups.email} in (${taken}, ${fresh})`);
    expect(rows.map((r) => [r.email, r.source, Boolean(r.passwordHash)]).sort()).toEqual([
      [fresh, "signup", true],
      [taken, "signup", true],
    ]);
    const jobs = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'customer_signup'`);
    expect(jobs[0].n).toBe(2);
    const [after] = await db.select().from(schema.customers).where(eq(schema.customers.id, owner.id));
    expect(after).toEqual(before);
    expect(await db.select().from(schema.customers).where(eq(schema.customers.email, fresh))).toEqual([]);
  });

  it("is throttled alike for both: the sixth sign-up for one email in 15 minutes is a 429 with Retry-After", async () => {
    await createCustomer(db, { email: "taken-2@example.test", password: "owners-password" });
    for (const email of ["taken-2@example.test", "fresh-2@example.test"]) {
      for (let i = 0; i < 5; i += 1) expect((await signUp(email)).status).toBe(200);
      const refused = await signUp(email);
      expect(refused.status).toBe(429);
      expect(refused.headers.find(([name]) => name === "retry-after")).toBeTruthy();
    }
  });
});

describe("POST /account/forgot over HTTP", () => {
  it("a throttled request is a 429 that says when to come back (Retry-After), for an email with an account or without", async () => {
    await createCustomer(db, { email: "taken-3@example.test", password: "owners-password" });
    for (const email of ["taken-3@example.test", "fresh-3@example.test"]) {
      const forgot = () =>
        fetch(`${app.url}/account/forgot`, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
          body: new URLSearchParams({ email }),
        });
      for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i += 1) expect((await forgot()).status).toBe(303);
      const refused = await forgot();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });
});
