import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PageTemplate, newPersonalSlots } from "./page-template";

const slots = newPersonalSlots(["bag", "account"]);
const anonymous = { bag: 0, account: "Account" };

/** What Remix puts in a document for loader data `data` (turbo-stream in a JS string literal, escaped). */
function remixScript(data: unknown) {
  const turbo = `[${JSON.stringify(data)}]`;
  const escaped = JSON.stringify(turbo).replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `<script>enqueue(${escaped});</script>`;
}

function documentWith(values: { bag: string | number; account: string | number }) {
  const esc = (v: string | number) =>
    String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  return (
    `<header><a href="/account">${esc(values.account)}</a><span class="cart-count">${esc(values.bag)}</span>` +
    `<span>${esc(values.bag)} items in your bag</span></header><main>${"Brass earrings ".repeat(200)}</main>` +
    remixScript({ root: { personal: values } })
  );
}

describe("a shared page with personal holes", () => {
  const shared = Buffer.from(documentWith({ bag: slots.bag, account: slots.account }));
  const template = PageTemplate.from(shared, "text/html; charset=utf-8", slots, anonymous);

  it("fills each hole as the render would have written the value there", () => {
    expect(template.holeCount).toBe(5);
    const amina = { bag: 3, account: `Hi, Amina "<&>" O'Neil\u2028` };
    expect(template.fill(amina).toString()).toBe(documentWith(amina));
    expect(template.anonymous.body.toString()).toBe(documentWith(anonymous));
  });

  it("gzips once: every answer inflates to the filled page", () => {
    for (const values of [anonymous, { bag: 12, account: "Hi, Wanjiru" }, { bag: 1, account: "Ω ünïcode ✓" }]) {
      expect(gunzipSync(template.gzip(values)).toString()).toBe(template.fill(values).toString());
    }
    expect(gunzipSync(template.anonymous.gzip).toString()).toBe(documentWith(anonymous));
    expect(template.anonymous.gzip.length).toBeLessThan(shared.length / 5);
  });

  it("fills a single-fetch data answer with JSON", () => {
    const data = Buffer.from(`[{"_1":2},"personal",{"_3":4,"_5":6},"bag","${slots.bag}","account","${slots.account}"]\n`);
    const filled = PageTemplate.from(data, "text/x-script", slots, anonymous).fill({ bag: 4, account: 'Hi, "Jo"' });
    expect(filled.toString()).toBe(`[{"_1":2},"personal",{"_3":4,"_5":6},"bag",4,"account","Hi, \\"Jo\\""]\n`);
  });

  it("keeps a page without tokens whole, and any other kind of body untouched", () => {
    const plain = PageTemplate.from(Buffer.from("<p>no personal bits</p>"), "text/html", slots, anonymous);
    expect(plain.holeCount).toBe(0);
    expect(plain.fill({ bag: 9, account: "x" }).toString()).toBe("<p>no personal bits</p>");
    expect(gunzipSync(plain.gzip(anonymous)).toString()).toBe("<p>no personal bits</p>");
    const xml = PageTemplate.from(Buffer.from(`<loc>${slots.bag}</loc>`), "application/xml", slots, anonymous);
    expect(xml.holeCount).toBe(0);
  });

  it("never matches text a page could carry: tokens are fresh and unguessable", () => {
    const other = newPersonalSlots(["bag", "account"]);
    expect(other.bag).not.toBe(slots.bag);
    expect(slots.bag).toMatch(/^[A-Za-z0-9]{30,}$/);
  });
});
