import { describe, expect, it } from "vitest";
import { pickTileImages } from "./home-tiles";

const row = (handle: string, lead_id: number | null, url: string | null = lead_id === null ? null : `/p/${lead_id}.svg`) => ({
  handle,
  lead_id,
  url,
});

describe("pickTileImages", () => {
  it("gives each collection its own piece when two lead with the same one", () => {
    const tiles = pickTileImages([row("new", 1), row("new", 2), row("best", 3), row("best", 4), row("horn", 3), row("horn", 5)]);
    expect(tiles.map((t) => [t.handle, t.lead_id])).toEqual([
      ["new", 1],
      ["best", 3],
      ["horn", 5],
    ]);
  });

  it("skips candidates without a picture, and shares only when nothing else is left", () => {
    const tiles = pickTileImages([row("a", 1), row("b", 2, null), row("b", 1), row("c", null)]);
    expect(tiles.map((t) => [t.handle, t.lead_id])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", null],
    ]);
  });
});
