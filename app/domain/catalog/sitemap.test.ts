import { describe, expect, it } from "vitest";
import { robotsTxt, sitemapXml } from "./sitemap";

describe("sitemapXml", () => {
  it("lists every URL with an escaped loc and a date lastmod", () => {
    const xml = sitemapXml([
      { loc: "https://soko.test/", lastmod: new Date("2025-03-04T12:00:00Z") },
      { loc: "https://soko.test/collections/a?x=1&y=2", lastmod: "2025-01-02T00:00:00Z" },
      { loc: "https://soko.test/makers/wanjiru", lastmod: null },
    ]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain("<url><loc>https://soko.test/</loc><lastmod>2025-03-04</lastmod></url>");
    expect(xml).toContain("<loc>https://soko.test/collections/a?x=1&amp;y=2</loc><lastmod>2025-01-02</lastmod>");
    expect(xml).toContain("<url><loc>https://soko.test/makers/wanjiru</loc></url>");
    expect(xml.match(/<url>/g)).toHaveLength(3);
  });
});

describe("robotsTxt", () => {
  it("allows the storefront, keeps crawlers out of private surfaces and points at the sitemap", () => {
    const txt = robotsTxt("https://soko.test/sitemap.xml");
    expect(txt).toMatch(/^User-agent: \*\nAllow: \/\n/);
    for (const path of ["/ops", "/pos", "/artisan", "/checkout", "/cart", "/account", "/api", "/webhooks"]) {
      expect(txt).toContain(`Disallow: ${path}\n`);
    }
    expect(txt).not.toMatch(/Disallow: \/(products|collections|makers)/);
    expect(txt).toContain("Sitemap: https://soko.test/sitemap.xml");
  });
});
