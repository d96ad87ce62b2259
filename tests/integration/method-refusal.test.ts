/**
 * Every address means GET, HEAD and POST only (app/http/methods.ts): over real HTTP, as `npm start`
 * serves it, a PUT, PATCH or DELETE with a form body to a storefront, an artisan and an ops action is
 * a 405 with `Allow` and changes nothing, where Remix alone ran the action as for a POST. The same
 * POST still does its work; OPTIONS is a 204 with `Allow` and no CORS permission; HEAD a page's
 * headers without its body. A POST to a page with no action is Remix's 405, in words that say so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createArtisan, createProduct, createStaff } from "#db/seed/factories";
import { db, schema } from "~/lib/db.server";
import { type App, buildIfStale, startHttp, stopAll } from "./app-process-support";
import { offerTo } from "./artisan-support";
import { artisanSessionCookie, staffSessionCookie } from "./session-support";

let app: App;

beforeAll(async () => {
  app = await startHttp(buildIfStale());
}, 300_000);

afterAll(stopAll);

const OTHERS = ["PUT", "PATCH", "DELETE"] as const;

function send(method: string, path: string, fields: Record<string, string>, cookie?: string) {
  return fetch(`${app.url}${path}`, {
    method,
    redirect: "manual",
    headers: {
      Origin: app.url,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "text/html",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

async function expectRefused(response: Response) {
  expect(response.status).toBe(405);
  expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
  expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(await response.text()).toBe("This address answers GET, HEAD and POST only.");
}

const signupsFor = (email: string) => db.select().from(schema.customerSignups).where(eq(schema.customerSignups.email, email));

describe("methods an action does not mean", () => {
  it("storefront: a PUT, PATCH or DELETE sign-up is a 405 and makes no pending sign-up; the POST makes one", async () => {
    const email = "method-signup@example.test";
    const fields = { email, name: "Someone", password: "password-123", confirm: "password-123", redirectTo: "" };
    for (const method of OTHERS) await expectRefused(await send(method, "/account/signup", fields));
    expect(await signupsFor(email)).toEqual([]);

    const posted = await send("POST", "/account/signup", fields);
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain("Check your email to finish");
    expect(await signupsFor(email)).toHaveLength(1);
  });

  it("artisan app: a PUT, PATCH or DELETE 'accept' leaves the offer open; the POST accepts it", async () => {
    const { artisan } = await createArtisan(db, { phone: "+254700777001" });
    const { variants } = await createProduct(db);
    const offer = await offerTo(artisan.id, variants[0].id);
    const cookie = await artisanSessionCookie(artisan.id);
    const fields = { intent: "accept", requestId: String(offer.id) };
    for (const method of OTHERS) await expectRefused(await send(method, "/artisan/offers", fields, cookie));
    const statusOf = async () =>
      (await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.id, offer.id)))[0].status;
    expect(await statusOf()).toBe("offered");

    const posted = await send("POST", "/artisan/offers", fields, cookie);
    expect(posted.status).toBeLessThan(400);
    expect(await statusOf()).toBe("accepted");
  });

  it("ops: a DELETE, PUT or PATCH 'sign out everywhere' keeps the sessions; the POST ends them", async () => {
    const staff = await createStaff(db, { email: "method-ops@soko.test", roles: ["ops"] });
    const cookie = await staffSessionCookie(staff.id);
    const live = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from sessions where staff_user_id = ${staff.id}`))[0].n;
    for (const method of OTHERS) await expectRefused(await send(method, "/ops/account", { intent: "sign-out-everywhere" }, cookie));
    expect(await live()).toBe(1);

    const posted = await send("POST", "/ops/account", { intent: "sign-out-everywhere" }, cookie);
    expect(posted.status).toBe(302);
    expect(await live()).toBe(0);
  });

  it("a form posted to a page that takes none is a 405 page that says nothing was sent, not 'try again'", async () => {
    const posted = await send("POST", "/makers", { anything: "1" });
    expect(posted.status).toBe(405);
    const page = await posted.text();
    expect(page).toContain("This page doesn&#x27;t take a form");
    expect(page).toContain("Nothing was sent or changed. Go back to the page and use its own buttons and links.");
    expect(page).not.toContain("Please try again in a moment.");
  });

  it("a webhook refuses a PUT the same way, before its route", async () => {
    await expectRefused(await send("PUT", "/webhooks/stripe", {}));
  });

  it("OPTIONS is a 204 with Allow and no CORS permission; HEAD is a page's headers without its body", async () => {
    const options = await fetch(`${app.url}/account/signup`, { method: "OPTIONS", headers: { Origin: "https://elsewhere.example" } });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(options.headers.get("access-control-allow-origin")).toBeNull();
    expect(options.headers.get("access-control-allow-methods")).toBeNull();
    expect(await options.text()).toBe("");

    const head = await fetch(`${app.url}/account/signup`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toContain("text/html");
    expect(await head.text()).toBe("");
  });
});
