import { describe, expect, it } from "vitest";
import { CATEGORIES } from "#db/schema";
import { generateDemoData } from "#db/seed/demo";
import { renderProductArt, type ProductArtInput } from "./product-art";
import { checkXml } from "./xml-check";

const demo = generateDemoData();
const MATERIAL_SETS = [
  ["brass"],
  ["horn"],
  ["bone"],
  ["recycled glass"],
  ["beads"],
  ["brass", "horn"],
  ["beads", "recycled glass"],
  ["bone", "brass"],
];

function inputs(): ProductArtInput[] {
  const fromDemo = demo.products.flatMap((p) =>
    [1, 2, 3].map((index) => ({
      handle: p.product.handle,
      title: p.product.title,
      category: p.product.category,
      materials: p.product.materials!,
      index,
    })),
  );
  const grid = CATEGORIES.flatMap((category) =>
    MATERIAL_SETS.map((materials, i) => ({
      handle: `grid-${category}-${i}`,
      title: `Grid ${category} piece`,
      category,
      materials,
      index: 1,
    })),
  );
  return [...fromDemo, ...grid];
}

describe("renderProductArt", () => {
  it("draws valid, small SVG with a viewBox for every demo product, view and material", () => {
    for (const input of inputs()) {
      const svg = renderProductArt(input);
      const check = checkXml(svg);
      expect(check, `${input.handle}-${input.index}`).toMatchObject({ ok: true, root: "svg" });
      if (!check.ok) continue;
      expect(check.rootAttributes.viewBox).toBe("0 0 800 800");
      expect(check.rootAttributes.xmlns).toBe("http://www.w3.org/2000/svg");
      expect(Buffer.byteLength(svg), `${input.handle}-${input.index}`).toBeLessThan(6 * 1024);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it("is deterministic: the same input gives the same bytes", () => {
    const input = {
      handle: "petite-horn-paddle-stud",
      title: "Petite Horn Paddle Stud",
      category: "earrings",
      materials: ["horn"],
      index: 1,
    };
    expect(renderProductArt(input)).toBe(renderProductArt({ ...input, materials: [...input.materials] }));
  });

  it("varies by image index and by handle", () => {
    const base = { handle: "kuzi-ring", title: "Kuzi Ring", category: "rings", materials: ["brass"], index: 1 };
    const views = new Set([1, 2, 3].map((index) => renderProductArt({ ...base, index })));
    expect(views.size).toBe(3);
    const handles = new Set(Array.from({ length: 12 }, (_, i) => renderProductArt({ ...base, handle: `kuzi-ring-${i}` })));
    expect(handles.size).toBeGreaterThan(6);
  });

  it("draws each material in its own palette", () => {
    const draw = (materials: string[]) => renderProductArt({ handle: "x", title: "Disc Studs", category: "earrings", materials, index: 1 });
    expect(draw(["brass"])).toMatch(/#FFF0B0|#F7E2A0/); // gold highlights
    expect(draw(["horn"])).toMatch(/#17100C|#120C09/); // dark horn
    expect(draw(["bone"])).toMatch(/#FFFBF1|#FBF4E6/); // cream
    expect(draw(["recycled glass"])).toMatch(/fill-opacity="0\.82"/); // translucent
    expect(draw(["beads"])).toMatch(/<pattern id="m0"/); // dots
  });

  it("escapes the title it embeds", () => {
    const svg = renderProductArt({ handle: "x", title: `Bold <Brass> & "Horn"`, category: "bracelets", materials: ["brass"], index: 1 });
    expect(checkXml(svg).ok).toBe(true);
    expect(svg).toContain("<title>Bold &lt;Brass&gt; &amp; &quot;Horn&quot;</title>");
  });

  it("draws each finish in its own colours, in the same arrangement", () => {
    const base = { handle: "pembe-horn-ring", title: "Pembe Horn Ring", category: "rings", materials: ["horn"], index: 1 };
    const dark = renderProductArt({ ...base, finish: "dark-horn" });
    const natural = renderProductArt({ ...base, finish: "natural-horn" });
    expect(natural).not.toBe(dark);
    expect(natural).toContain("#EBCB9C"); // pale honey horn
    expect(dark).not.toContain("#EBCB9C");
    // Only the colours differ: the same shapes, so switching finish looks like the same piece.
    const shapes = (svg: string) => svg.replace(/<defs>.*<\/defs>/, "").replace(/#[0-9A-F]{6}/gi, "");
    expect(shapes(natural)).toBe(shapes(dark));
    const beads = { handle: "shanga-collar", title: "Shanga Beaded Collar", category: "necklaces", materials: ["beads"], index: 1 };
    expect(renderProductArt({ ...beads, finish: "black-white" })).not.toBe(renderProductArt({ ...beads, finish: "sunset" }));
  });
});
