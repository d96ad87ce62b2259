import { describe, expect, it } from "vitest";
import { choicesFromForm, gallerySets, optionGroups, variantForChoices } from "./variant-options";

const ring = [
  { id: 1, options: { finish: "Dark Horn", size: "6" } },
  { id: 2, options: { finish: "Dark Horn", size: "7" } },
  { id: 3, options: { finish: "Natural Horn", size: "6" } },
  { id: 4, options: { finish: "Natural Horn", size: "7" } },
];

describe("optionGroups", () => {
  it("offers finish and size as separate choices, finish first", () => {
    expect(
      optionGroups([
        { id: 9, options: { size: "8", finish: "Amber" } },
        ...ring.map((v) => ({ ...v, options: { size: v.options.size, finish: v.options.finish } })),
      ]),
    ).toEqual([
      { name: "finish", label: "Finish", values: ["Amber", "Dark Horn", "Natural Horn"] },
      { name: "size", label: "Size", values: ["8", "6", "7"] },
    ]);
  });

  it("is null when the variants cannot be told apart by their options", () => {
    expect(optionGroups([ring[0]])).toBeNull();
    expect(optionGroups([ring[0], { id: 5, options: {} }])).toBeNull();
    expect(optionGroups([ring[0], { id: 5, options: { finish: "Dark Horn" } }])).toBeNull();
    expect(optionGroups([ring[0], { id: 5, options: { ...ring[0].options } }])).toBeNull();
    expect(optionGroups([ring[0], { id: 5, options: { finish: "", size: "8" } }])).toBeNull();
  });

  it("is worked out once per list of variants, and each list gets its own", () => {
    const first = optionGroups(ring);
    expect(optionGroups(ring)).toBe(first);
    const rings = [...ring, { id: 5, options: { finish: "Amber", size: "6" } }];
    expect(optionGroups(rings)?.[0]).toEqual({ name: "finish", label: "Finish", values: ["Dark Horn", "Natural Horn", "Amber"] });
    expect(optionGroups(ring)?.[0].values).toEqual(["Dark Horn", "Natural Horn"]);
    expect(optionGroups(rings.slice(0, 1))).toBeNull();
  });
});

describe("variantForChoices", () => {
  it("names exactly one variant, or none", () => {
    expect(variantForChoices(ring, { finish: "Natural Horn", size: "7" })?.id).toBe(4);
    expect(variantForChoices(ring, { size: "6", finish: "Dark Horn" })?.id).toBe(1);
    expect(variantForChoices(ring, { finish: "Natural Horn", size: "9" })).toBeNull();
    expect(variantForChoices(ring, { finish: "Natural Horn" })).toBeNull();
    expect(variantForChoices(ring, { finish: "Natural Horn", size: "7", colour: "red" })).toBeNull();
  });
});

describe("choicesFromForm", () => {
  it("reads option.* fields only", () => {
    const form = new FormData();
    form.set("intent", "add");
    form.set("option.finish", "Dark Horn");
    form.set("option.size", "7");
    expect(choicesFromForm(form)).toEqual({ finish: "Dark Horn", size: "7" });
    expect(choicesFromForm(new FormData())).toBeNull();
  });
});

describe("gallerySets", () => {
  const image = (url: string, finish: string | null) => ({ url, alt: url, width: 800, height: 800, finish });
  it("gives each finish its own pictures plus the shared ones", () => {
    const images = [image("d1", "Dark Horn"), image("d2", "Dark Horn"), image("n1", "Natural Horn"), image("s", null)];
    const sets = gallerySets(images, ["Dark Horn", "Natural Horn"]);
    expect(sets.map((s) => [s.finish, s.images.map((i) => i.url)])).toEqual([
      ["Dark Horn", ["d1", "d2", "s"]],
      ["Natural Horn", ["n1", "s"]],
    ]);
  });

  it("is one set when no picture names a finish, and never empty for a finish without pictures", () => {
    const plain = [image("a", null), image("b", null)];
    expect(gallerySets(plain, ["Dark Horn", "Natural Horn"])).toEqual([{ finish: null, images: plain }]);
    const only = [image("d1", "Dark Horn")];
    expect(gallerySets(only, ["Dark Horn", "Natural Horn"])[1].images.map((i) => i.url)).toEqual(["d1"]);
  });
});
