/** Pure builders for /sitemap.xml and /robots.txt. */

export type SitemapEntry = { loc: string; lastmod: Date | string | null };

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const escapeXml = (value: string) => value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

/** W3C datetime, date precision (what crawlers use). */
export function lastmodDate(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 10);
}

export function sitemapXml(entries: SitemapEntry[]): string {
  const urls = entries.map(({ loc, lastmod }) => {
    const mod = lastmod ? `<lastmod>${lastmodDate(lastmod)}</lastmod>` : "";
    return `<url><loc>${escapeXml(loc)}</loc>${mod}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** Staff, artisan, checkout and private pages are not for crawlers; the storefront is. */
export const DISALLOWED_PATHS = ["/ops", "/pos", "/artisan", "/checkout", "/cart", "/account", "/orders", "/api", "/webhooks"];

export function robotsTxt(sitemapUrl: string): string {
  return ["User-agent: *", "Allow: /", ...DISALLOWED_PATHS.map((p) => `Disallow: ${p}`), "", `Sitemap: ${sitemapUrl}`, ""].join("\n");
}
