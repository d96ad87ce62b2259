/**
 * How each material looks when drawn: a gradient (with a variation picked by hash), a chain or
 * wire colour, and whether it is translucent. Brass reads as gold, horn as dark banded brown,
 * bone as cream, recycled glass as translucent blue-green, beads as colourful dots.
 */
import { BEAD_COLOURS } from "./svg";

export type MaterialName = "brass" | "horn" | "bone" | "recycled glass" | "beads";

export type Look = {
  /** Gradient stops, light falling from the top left. */
  stops: readonly (readonly string[])[];
  /** Colour for thin wire or chain made of this material. */
  wire: string;
  opacity?: number;
  /** Beads fill shapes with a pattern of dots instead of a gradient. */
  dotted?: boolean;
  /** A light streak along the surface (polished metal, glass). */
  shine?: number;
  /** Bead colours (beads and glass strung as beads). */
  palette?: readonly string[];
};

const LOOKS: Record<MaterialName, Look> = {
  brass: {
    stops: [
      ["#7A5618", "#D9A93F", "#FFF0B0", "#C38E2C", "#8A6420"],
      ["#6E4E16", "#C99A38", "#F7E2A0", "#B8862A", "#74531A"],
    ],
    wire: "#B8893A",
    shine: 0.55,
  },
  horn: {
    // Alternating bands read as the striations of polished horn.
    stops: [
      ["#17100C", "#3A281D", "#1E1510", "#5A3F2E", "#221711", "#6B4B36", "#1A120D"],
      ["#120C09", "#2E2018", "#4F3627", "#1B130E", "#3E2B20", "#6F4E38", "#150E0A"],
    ],
    wire: "#2B1E16",
    shine: 0.18,
  },
  bone: {
    stops: [
      ["#FFFBF1", "#F2E7D2", "#E6D5B6", "#F7EEDD", "#D8C29E"],
      ["#FBF4E6", "#EADCC3", "#FFF8EC", "#DCC8A6", "#CDB48C"],
    ],
    wire: "#D9C7A6",
    shine: 0.3,
  },
  "recycled glass": {
    stops: [
      ["#CDEFEA", "#7FC8BE", "#3E9C8F", "#9ED9CF", "#2E7F74"],
      ["#D3ECFA", "#8CC6EA", "#2F7FB5", "#A8D8F0", "#245F8C"],
      ["#E6F3D2", "#A9D18E", "#5E9B4A", "#C5E3AE", "#4A7F39"],
    ],
    wire: "#6FB3AA",
    opacity: 0.82,
    shine: 0.7,
  },
  beads: {
    stops: [["#C8553D", "#E9B44C", "#2A7F62", "#1F4E79"]],
    wire: "#8C6A3A",
    dotted: true,
  },
};

export function lookOf(material: string): Look {
  return LOOKS[(material in LOOKS ? material : "brass") as MaterialName];
}

/**
 * Each finish a piece is offered in (a variant's `options.finish`, by slug), drawn in its own
 * colours, so the pictures of "Natural Horn" show pale honey horn and "Dark Horn" near-black horn.
 */
const FINISH_LOOKS: Record<string, Look> = {
  "polished-brass": LOOKS.brass,
  "brushed-brass": {
    stops: [["#6A4F1E", "#A88B50", "#CDB985", "#9C8048", "#6C5424"]],
    wire: "#A48650",
    shine: 0.1,
  },
  "dark-horn": LOOKS.horn,
  "natural-horn": {
    stops: [["#6B4426", "#C08A55", "#EBCB9C", "#A8743F", "#DDB27B", "#8A5A34", "#CFA06A"]],
    wire: "#8A5A34",
    shine: 0.28,
  },
  "natural-bone": LOOKS.bone,
  "indigo-bone": {
    stops: [["#E9EDF7", "#8B9DCB", "#34467F", "#A9B8DD", "#22305F"]],
    wire: "#5B6CA0",
    shine: 0.25,
  },
  "ocean-blue": {
    ...LOOKS["recycled glass"],
    stops: [LOOKS["recycled glass"].stops[1]],
    wire: "#5B9CC8",
    palette: ["#8CC6EA", "#2F7FB5", "#D3ECFA", "#245F8C"],
  },
  "bottle-green": {
    ...LOOKS["recycled glass"],
    stops: [LOOKS["recycled glass"].stops[2]],
    wire: "#6E9E58",
    palette: ["#A9D18E", "#5E9B4A", "#E6F3D2", "#4A7F39"],
  },
  amber: {
    ...LOOKS["recycled glass"],
    stops: [["#FBE7BC", "#EDB257", "#B86B1C", "#F5CD80", "#8E4F12"]],
    wire: "#C98A3A",
    palette: ["#EDB257", "#B86B1C", "#F5CD80", "#8E4F12"],
  },
  multicolour: { ...LOOKS.beads, palette: ["#C8553D", "#E9B44C", "#2A7F62", "#1F4E79", "#D97B93", "#3FA7A0"] },
  "black-white": {
    ...LOOKS.beads,
    stops: [["#1B1B1B", "#F4EFE6", "#1B1B1B", "#F4EFE6"]],
    palette: ["#1B1B1B", "#F4EFE6", "#3A3A3A", "#FFFFFF"],
  },
  sunset: {
    ...LOOKS.beads,
    stops: [["#C8553D", "#E9B44C", "#D97B93", "#8E2F3C"]],
    palette: ["#C8553D", "#E9B44C", "#D97B93", "#8E2F3C", "#F2994A"],
  },
};

/** "Natural Horn" → "natural-horn"; "Black & White" → "black-white". */
export function finishSlug(finish: string): string {
  return finish
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The look of a finish by its slug; null when no finish has that slug. */
export function finishLook(slug: string): Look | null {
  return Object.hasOwn(FINISH_LOOKS, slug) ? FINISH_LOOKS[slug] : null;
}

/**
 * The <defs> for one material under `id`: a gradient, or (beads) a dot pattern. Use it as
 * `fill="url(#id)"`; `stroke` gradients use userSpaceOnUse so they work on lines too.
 */
export function materialDef(id: string, material: string, variant: number, finish: Look | null = null): string {
  const look = finish ?? lookOf(material);
  if (look.dotted) {
    const c = look.palette ?? BEAD_COLOURS;
    const a = variant % c.length;
    const dots = [
      [6, 6, c[a]],
      [18, 6, c[(a + 1) % c.length]],
      [12, 16, c[(a + 2) % c.length]],
      [24, 16, c[(a + 3) % c.length]],
    ]
      .map(([x, y, fill]) => `<circle cx="${x}" cy="${y}" r="5" fill="${fill}"/>`)
      .join("");
    return `<pattern id="${id}" width="24" height="22" patternUnits="userSpaceOnUse"><rect width="24" height="22" fill="#F4EFE6"/>${dots}</pattern>`;
  }
  const stops = look.stops[variant % look.stops.length];
  const stopTags = stops
    .map((colour, i) => `<stop offset="${Math.round((i / (stops.length - 1)) * 100)}%" stop-color="${colour}"/>`)
    .join("");
  return `<linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1">${stopTags}</linearGradient>`;
}
