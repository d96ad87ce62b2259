import { describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { checkXml } from "~/domain/images/xml-check";
import { loader as makerLoader } from "~/routes/images.makers.$name";
import { loader as productLoader } from "~/routes/images.products.$name";
import { db } from "~/lib/db.server";

const args = (path: string, name: string) => ({ request: new Request(`http://test${path}${name}`), params: { name }, context: {} });
const product = (name: string) => productLoader(args("/images/products/", name));
const maker = (name: string) => makerLoader(args("/images/makers/", name));

describe("GET /images/products/:name", () => {
  it("serves a product's generated shot as immutable SVG", async () => {
    const { images } = await createProduct(db, {
      title: "Contrast Sabi Pendant Necklace",
      category: "necklaces",
      materials: ["brass", "horn"],
      images: 3,
    });
    const name = images[2].url.split("/").pop()!;
    expect(name).toBe("contrast-sabi-pendant-necklace-3.svg");
    const response = await product(name);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const svg = await response.text();
    expect(checkXml(svg)).toMatchObject({ ok: true, root: "svg" });
    expect(svg).toContain("<title>Contrast Sabi Pendant Necklace</title>");
    // A second request (from the in-memory cache) gives the same bytes.
    expect(await (await product(name)).text()).toBe(svg);
  });

  it("is 404 for malformed names and unknown products", async () => {
    await createProduct(db, { handle: "kuzi-ring" });
    for (const name of [
      "kuzi-ring.svg",
      "kuzi-ring-0.svg",
      "kuzi-ring-9.svg",
      "kuzi-ring-1.png",
      "KUZI-ring-1.svg",
      "no-such-piece-1.svg",
      "",
    ]) {
      const response = await product(name);
      expect(response.status, name).toBe(404);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
    expect((await product("kuzi-ring-1.svg")).status).toBe(200);
  });

  it("draws a view in a finish it knows, and 404s a finish it does not", async () => {
    await createProduct(db, { handle: "pembe-ring", title: "Pembe Ring", category: "rings", materials: ["horn"] });
    const natural = await product("pembe-ring-1.natural-horn.svg");
    const dark = await product("pembe-ring-1.dark-horn.svg");
    expect([natural.status, dark.status]).toEqual([200, 200]);
    expect(await natural.text()).not.toBe(await dark.text());
    const unknown = await product("pembe-ring-1.tartan.svg");
    expect(unknown.status).toBe(404);
  });
});

describe("GET /images/makers/:name", () => {
  it("serves an artisan's portrait and 404s for unknown or malformed names", async () => {
    const { artisan } = await createArtisan(db, { handle: "achieng-otieno" });
    expect(artisan.portraitUrl).toBe("/images/makers/achieng-otieno.svg");
    const response = await maker("achieng-otieno.svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(checkXml(await response.text())).toMatchObject({ ok: true, root: "svg" });

    for (const name of ["nobody-here.svg", "achieng-otieno.png", "achieng-otieno", "../achieng-otieno.svg"]) {
      expect((await maker(name)).status, name).toBe(404);
    }
  });
});
