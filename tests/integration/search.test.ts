import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createProduct } from "#db/seed/factories";
import { searchProducts } from "~/domain/catalog/search.server";
import { parseSearchParams } from "~/domain/catalog/query";
import { db } from "~/lib/db.server";
import { loader, meta } from "~/routes/search";

async function search(qs: string) {
  const request = new Request(`http://localhost/search?${qs}`);
  return loader({ request, params: {}, context: {} });
}

const handles = async (q: string, page = 1) =>
  (await searchProducts(parseSearchParams(new URLSearchParams({ q })).q, page)).products.map((p) => p.handle);

beforeAll(async () => {
  await createProduct(db, {
    handle: "brass-drop-earrings",
    title: "Brass Drop Earrings",
    category: "earrings",
    materials: ["brass"],
    story: "Hammered by hand.",
  });
  await createProduct(db, {
    handle: "horn-cuff",
    title: "Horn Cuff",
    category: "bracelets",
    materials: ["horn"],
    story: "Finished with brass inlay.",
  });
  await createProduct(db, {
    handle: "bone-ring",
    title: "Bone Ring",
    category: "rings",
    materials: ["bone"],
    story: "Carved from ethically sourced bone.",
  });
  await createProduct(db, {
    handle: "glass-bead-necklace",
    title: "Recycled Glass Bead Necklace",
    category: "necklaces",
    materials: ["recycled glass", "beads"],
    story: "Glass from bottles.",
  });
  await createProduct(db, { handle: "draft-brass-hoop", title: "Draft Brass Hoop", status: "draft", materials: ["brass"] });
  await createProduct(db, { handle: "archived-brass-bangle", title: "Archived Brass Bangle", status: "archived", materials: ["brass"] });
  for (let i = 0; i < 30; i++) {
    await createProduct(db, { handle: `beaded-stud-${i}`, title: `Beaded Stud ${i}`, category: "earrings", materials: ["beads"] });
  }
  await createArtisan(db, { firstName: "Brassy", lastName: "Maker", handle: "brassy-maker", settlement: "Kibera", county: "Nairobi" });
  await createArtisan(db, { firstName: "Brasso", lastName: "Hidden", handle: "brasso-hidden", publicProfile: false });
});

describe("product search", () => {
  it("finds active products only, ranking title matches above story mentions", async () => {
    const found = await handles("brass");
    expect(found).toContain("brass-drop-earrings");
    expect(found).toContain("horn-cuff");
    expect(found).not.toContain("draft-brass-hoop");
    expect(found).not.toContain("archived-brass-bangle");
    expect(found.indexOf("brass-drop-earrings")).toBeLessThan(found.indexOf("horn-cuff"));
  });

  it("stems whole words and matches materials", async () => {
    expect(await handles("earring")).toContain("brass-drop-earrings");
    expect(await handles("recycled glass")).toEqual(["glass-bead-necklace"]);
    expect(await handles("bracelets")).toEqual(["horn-cuff"]);
  });

  it("matches partial words as prefixes", async () => {
    expect(await handles("bras")).toContain("brass-drop-earrings");
    expect(await handles("neckl")).toEqual(["glass-bead-necklace"]);
    expect(await handles("Bras earr")).toEqual(["brass-drop-earrings"]);
  });

  it("supports web-search syntax: quoted phrases and exclusions", async () => {
    expect(await handles('"recycled glass"')).toEqual(["glass-bead-necklace"]);
    const noHorn = await handles("brass -horn");
    expect(noHorn).toContain("brass-drop-earrings");
    expect(noHorn).not.toContain("horn-cuff");
  });

  it("pages results 24 at a time", async () => {
    const first = await searchProducts("beaded", 1);
    const second = await searchProducts("beaded", 2);
    expect(first.total).toBeGreaterThanOrEqual(30);
    expect(first.products).toHaveLength(24);
    expect(second.products.length).toBe(first.total - 24);
    expect(new Set([...first.products, ...second.products].map((p) => p.handle)).size).toBe(first.total);
    expect(await searchProducts("beaded", 500)).toMatchObject({ products: [], page: 500, pageCount: 2 });
  });

  it("returns nothing for an empty query or no match", async () => {
    expect((await searchProducts("", 1)).total).toBe(0);
    expect(await handles("zzzqqqxxy")).toEqual([]);
  });
});

describe("the search page", () => {
  it("shows matching consenting makers beside products", async () => {
    const data = await search("q=bras");
    expect(data.products.map((p) => p.handle)).toContain("brass-drop-earrings");
    expect(data.makers.map((m) => m.handle)).toEqual(["brassy-maker"]);
    expect(data.makers[0].name).toBe("Brassy M.");
  });

  it("asks for a query when q is empty", async () => {
    const data = await search("");
    expect(data).toMatchObject({ q: "", total: 0, products: [], makers: [] });
  });

  it.each([
    ["a 5,000 character query", `q=${"brass ".repeat(1000)}`],
    ["quotes", `q=${encodeURIComponent(`"brass' "" '`)}`],
    ["tsquery operators", `q=${encodeURIComponent("brass & | ! :* <-> ( ) horn:* !!")}`],
    ["only operators", `q=${encodeURIComponent("&|!:*()<->")}`],
    ["SQL", `q=${encodeURIComponent("'; drop table products; -- \\ %_")}`],
    ["a NUL byte", "q=bra%00ss"],
    ["unicode", `q=${encodeURIComponent("Ñandú 日本語 Ελληνικά العربية")}`],
    ["emoji", `q=${encodeURIComponent("💍✨ brass 👩🏾‍🎨")}`],
    ["a lone surrogate", "q=%ED%A0%80brass"],
    ["stop words only", "q=the+and+of"],
  ])("treats %s as text, with no error", async (_label, qs) => {
    const data = await search(qs);
    expect(data.q.length).toBeLessThanOrEqual(200);
    expect(data.page).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(data.products)).toBe(true);
  });

  it.each(["abc", "999999999999", "0"])("answers 400 to a page that isn't one: %s", async (page) => {
    const refused = await search(`q=brass&page=${page}`).catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(400);
  });

  it("still finds brass when operators surround it", async () => {
    const data = await search(`q=${encodeURIComponent("!brass: & |")}`);
    expect(data.products.map((p) => p.handle)).toContain("brass-drop-earrings");
  });

  it("keeps result pages out of search engines", () => {
    const tags = meta({ data: { q: "brass" } } as never);
    expect(tags).toEqual(expect.arrayContaining([{ name: "robots", content: "noindex, follow" }]));
  });
});

describe("did you mean", () => {
  it("suggests the catalog's nearest words for a typo and shows what they find", async () => {
    const result = await search("q=neklace");
    expect(result.total).toBe(0);
    expect(result.suggestion).toBe("necklace");
    expect(result.suggested?.products.map((p) => p.handle)).toEqual(["glass-bead-necklace"]);
  });

  it("corrects only the unknown words, keeping the rest in order", async () => {
    const { suggestSearch } = await import("~/domain/catalog/search.server");
    expect(await suggestSearch("bone neklace 18")).toBe("bone necklace 18");
    expect(await suggestSearch("earings")).toBe("earrings");
  });

  it("suggests nothing for known words, nonsense, or words only a draft product has", async () => {
    const { suggestSearch } = await import("~/domain/catalog/search.server");
    expect(await suggestSearch("necklace")).toBeNull();
    expect(await suggestSearch("qqzzxx")).toBeNull();
    expect(await suggestSearch("hop")).toBeNull();
    const nothing = await search("q=qqzzxxnothing");
    expect(nothing.suggestion).toBeNull();
    expect(nothing.suggested).toBeNull();
  });
});
