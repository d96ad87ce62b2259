/**
 * How each material looks when drawn: a gradient (with a variation picked by hash), a chain or
 * wire colour, and whether it is translucent. Brass reads as gold, horn as dark banded brown,
 * bone as cream, recycled glass as translucent blue-green, beads as colourful dots.
 */
import { BEAD_COLOURS } from "./svg";

export type MaterialName = "brass" | "horn" | "bone" | "recycled glass" | "beads";

type Look = {
  /** Gradient stops, light falling from the top left. */
  stops: readonly (readonly string[])[];
  /** Colour for thin wire or chain made of this material. */
  wire: string;
  opacity?: number;
  /** Beads fill shapes with a pattern of dots instead of a gradient. */
  dotted?: boolean;
  /** A light streak along the surface (polished metal, glass). */
  shine?: number;
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
 * The <defs> for one material under `id`: a gradient, or (beads) a dot pattern. Use it as
 * `fill="url(#id)"`; `stroke` gradients use userSpaceOnUse so they work on lines too.
 */
export function materialDef(id: string, material: string, variant: number): string {
  const look = lookOf(material);
  if (look.dotted) {
    const c = BEAD_COLOURS;
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
