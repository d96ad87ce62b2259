/**
 * Catalog pages come from the shared page cache for everybody, each with only its own visitor's
 * bits (docs/decisions/0018-personal-bits-stitched.md). Two HTTP processes as `npm start` runs them;
 * two shoppers signed in, each with a bag of her own, and an anonymous visitor, in turns, with
 * cache hits in between: every answer carries its own greeting and count, in the HTML and in the
 * loader data React hydrates from, and nothing of anybody else; the shared copy stays anonymous.
 */
import { gunzipSync } from "node:zlib";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer, createProduct } from "#db/seed/factories";
import { db } from "~/lib/db.server";
import { type App, buildIfStale, startHttp, stopAll } from "./app-process-support";

let apps: App[] = [];
let hoops: Awaited<ReturnType<typeof createProduct>>;
let studs: Awaited<ReturnType<typeof createProduct>>;

/** A browser's cookies for our site. */
class Jar {
  private readonly cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (!value || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

async function post(app: App, path: string, form: Record<string, string>, jar: Jar) {
  const response = await fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: jar.header(), Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  jar.take(response);
  expect(response.status).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
}

type Page = { status: number; body: string; cache: string | null; cacheControl: string | null; encoding: string | null };

/** GET with our cookies (or none), as a browser that takes gzip. */
function get(app: App, path: string, jar: Jar | null): Promise<Page> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Accept-Encoding": "gzip" };
    if (jar) headers.Cookie = jar.header();
    http
      .get(`${app.url}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const encoding = response.headers["content-encoding"] ?? null;
          resolve({
            status: response.statusCode ?? 0,
            body: (encoding === "gzip" ? gunzipSync(raw) : raw).toString(),
            cache: (response.headers["x-page-cache"] as string | undefined) ?? null,
            cacheControl: response.headers["cache-control"] ?? null,
            encoding,
          });
        });
      })
      .on("error", reject);
  });
}

/** The personal bits a page shows: in the header's HTML, and in the loader data React hydrates from. */
function bitsOf(body: string) {
  const account = /class="header-link account-link"[^>]*>([^<]*)</.exec(body)?.[1];
  const count = /class="cart-count"[^>]*>([^<]*)</.exec(body)?.[1];
  const spoken = /<span class="visually-hidden">(\d+) items in your bag<\/span>/.exec(body)?.[1];
  const data = /\\"personal\\",\{[^}]*\},\\"bag\\",(\d+),\\"account\\",\\"([^\\]*)\\"/.exec(body);
  return { account, count, spoken, dataBag: data?.[1], dataAccount: data?.[2] };
}

const shoppers = [
  { name: "Amina Wanjiru", email: "amina.personal@example.test", units: 2, jar: new Jar() },
  { name: "Baraka Otieno", email: "baraka.personal@example.test", units: 5, jar: new Jar() },
];

beforeAll(async () => {
  const buildDir = buildIfStale();
  hoops = await createProduct(db, {
    handle: "personal-hoops",
    title: "Personal Brass Hoops",
    status: "active",
    variants: [{ price: 4800 }],
    collections: ["personal-picks"],
  });
  studs = await createProduct(db, {
    handle: "personal-studs",
    title: "Personal Horn Studs",
    status: "active",
    variants: [{ price: 2600 }],
  });
  for (const s of shoppers) await createCustomer(db, { email: s.email, name: s.name, password: "correct-horse-9" });
  apps = await Promise.all([startHttp(buildDir), startHttp(buildDir)]);
}, 300_000);

afterAll(stopAll);

const PAGES = ["/", "/products/personal-hoops", "/collections/personal-picks", "/makers", "/search?q=brass"];

describe("catalog pages for everybody from the shared cache, each with its own bits", () => {
  it("two signed-in shoppers with bags of their own and an anonymous visitor, in turns, with cache hits between", async () => {
    const [a, b] = apps;
    // Each signs in and fills her bag, on a different process from the other.
    for (const [i, s] of shoppers.entries()) {
      const app = apps[i];
      await post(app, "/account/login", { email: s.email, password: "correct-horse-9" }, s.jar);
      await post(app, "/cart", { intent: "add", variantId: String(hoops.variants[0].id), quantity: String(s.units) }, s.jar);
    }

    for (const path of PAGES) {
      for (const app of [a, b, a, b]) {
        const anonymous = await get(app, path, null);
        expect(anonymous.status, path).toBe(200);
        expect(bitsOf(anonymous.body)).toEqual({ account: "Account", count: "0", spoken: "0", dataBag: "0", dataAccount: "Account" });
        expect(anonymous.cacheControl).toMatch(/^public/);
        for (const s of shoppers) expect(anonymous.body).not.toContain(s.name.split(" ")[0]);

        for (const s of shoppers) {
          const page = await get(app, path, s.jar);
          expect(page.status).toBe(200);
          const first = s.name.split(" ")[0];
          const units = String(s.units);
          expect(bitsOf(page.body), `${path} for ${first}`).toEqual({
            account: `Hi, ${first}`,
            count: units,
            spoken: units,
            dataBag: units,
            dataAccount: `Hi, ${first}`,
          });
          const other = shoppers.find((o) => o !== s)!;
          expect(page.body).not.toContain(other.name.split(" ")[0]);
          // From the shared cache, and kept by no shared cache in its personal form.
          expect(page.cache).toMatch(/HIT|MISS|STALE/);
          expect(page.cacheControl).toBe("private, no-cache");
          expect(page.encoding).toBe("gzip");
        }
      }
      // After the first round every answer, personal or not, was a hit.
      const [hitA, hitB] = await Promise.all(shoppers.map((s) => get(a, path, s.jar)));
      expect([hitA.cache, hitB.cache, (await get(b, path, null)).cache]).toEqual(["HIT", "HIT", "HIT"]);
    }
  });

  it("a change of the bag shows on the next page, on either process", async () => {
    const [amina] = shoppers;
    const path = "/products/personal-studs";
    for (const app of apps) expect(bitsOf((await get(app, path, amina.jar)).body).count).toBe(String(amina.units));
    await post(apps[0], "/cart", { intent: "add", variantId: String(studs.variants[0].id), quantity: "3" }, amina.jar);
    for (const app of apps) {
      const page = await get(app, path, amina.jar);
      expect(page.cache).toBe("HIT");
      expect(bitsOf(page.body)).toMatchObject({ count: String(amina.units + 3), dataBag: String(amina.units + 3) });
    }
    // Signed out: the same browser is greeted as nobody, and still has its bag.
    await post(apps[1], "/account/logout", {}, amina.jar);
    for (const app of apps)
      expect(bitsOf((await get(app, path, amina.jar)).body)).toMatchObject({ account: "Account", count: String(amina.units + 3) });
  });

  it("a single-fetch data request for a cached page carries the visitor's own bits as JSON", async () => {
    const [, baraka] = shoppers;
    for (const app of apps) {
      const response = await fetch(`${app.url}/products/personal-hoops.data`, { headers: { Cookie: baraka.jar.header() } });
      const text = await response.text();
      expect(text).toContain(`"bag",${baraka.units},"account","Hi, Baraka"`);
      expect(text).not.toMatch(/personal[0-9a-f]{24}/);
    }
  });
});
