import { describe, expect, it } from "vitest";
import { generateDemoData } from "#db/seed/demo";
import { renderMakerPortrait } from "./maker-portrait";
import { checkXml } from "./xml-check";

describe("renderMakerPortrait", () => {
  const handles = generateDemoData().artisans.map((a) => a.artisan.handle);

  it("draws valid, small SVG with a viewBox for every demo artisan", () => {
    for (const handle of handles) {
      const svg = renderMakerPortrait(handle);
      const check = checkXml(svg);
      expect(check, handle).toMatchObject({ ok: true, root: "svg" });
      if (check.ok) expect(check.rootAttributes.viewBox).toBe("0 0 600 600");
      expect(Buffer.byteLength(svg), handle).toBeLessThan(6 * 1024);
      expect(svg).not.toMatch(/NaN|undefined/);
    }
  });

  it("is deterministic per handle and varied across handles", () => {
    expect(renderMakerPortrait("grace-wanjiku")).toBe(renderMakerPortrait("grace-wanjiku"));
    const sample = handles.slice(0, 100).map(renderMakerPortrait);
    expect(new Set(sample).size).toBe(100);
    // Several hair and headwrap styles and background colours appear.
    expect(sample.filter((svg) => svg.includes('fill="url(#w)"')).length).toBeGreaterThan(10);
    expect(new Set(sample.map((svg) => /<rect width="600" height="600" fill="(#[0-9A-F]{6})"/.exec(svg)?.[1])).size).toBeGreaterThan(5);
  });

  it("draws no facial features: an abstract silhouette, not a fake photo", () => {
    const svg = renderMakerPortrait("achieng-otieno");
    expect(svg).not.toMatch(/<image|href=/);
  });
});
