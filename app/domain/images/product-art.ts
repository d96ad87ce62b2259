/**
 * Product shots, drawn: a warm neutral backdrop, a soft shadow and a stylised piece for the
 * category, in the product's materials. Pure and deterministic: the same product and index give
 * the same bytes, and different handles vary the backdrop, shape and finish.
 *
 * Index 1 is the hero shot, 2 a close-up, 3 an alternative arrangement (a pair, a stack, a side view).
 */
import { drawFrom, type Draw } from "./hash";
import { finishLook, lookOf, materialDef, type Look } from "./materials";
import { BEAD_COLOURS, circlePath, escapeXml, n, pointsOnCubic, pointsOnEllipse } from "./svg";
import { PRODUCT_IMAGE_SIZE } from "./urls";

export type ProductArtInput = {
  handle: string;
  title: string;
  category: string;
  materials: readonly string[];
  /** 1-based image number. */
  index: number;
  /** The finish shown (a slug, e.g. "natural-horn"): the leading material drawn in its colours. */
  finish?: string | null;
};

type Shape = "disc" | "paddle" | "marquise" | "crescent" | "teardrop" | "bar" | "fan" | "kite" | "arc" | "pebble";
const SHAPES: readonly Shape[] = ["disc", "paddle", "marquise", "crescent", "teardrop", "bar", "fan", "kite", "arc", "pebble"];
const SHAPE_WORDS: readonly [RegExp, Shape][] = [
  [/paddle/i, "paddle"],
  [/crescent|mwezi/i, "crescent"],
  [/marquise/i, "marquise"],
  [/dash|\bbar\b/i, "bar"],
  [/disc|\bdot\b|jua|duara/i, "disc"],
  [/fan|sunburst/i, "fan"],
  [/teardrop|maji|mvua/i, "teardrop"],
  [/kite|chevron|geo/i, "kite"],
  [/\barc\b|wave|mawimbi/i, "arc"],
  [/pebble|sculpted/i, "pebble"],
];

const BACKDROPS = [
  ["#F6F0E8", "#EADFD0", "#DED0BD"],
  ["#F4EDE3", "#E7D9C6", "#D8C6AE"],
  ["#F7F1EA", "#ECE1D6", "#DCCBBB"],
  ["#F3EEE6", "#E4DACB", "#D3C5B1"],
  ["#F8F2EC", "#EFE2D7", "#E0CDBF"],
] as const;

const C = 400; // centre of the piece

/** Each category is drawn at a size that fills the frame like a product shot. */
const ZOOM: Record<string, number> = { earrings: 1.4, necklaces: 1.18, bracelets: 1.12, rings: 1.25 };

type Ctx = { draw: Draw; m0: string; m1: string; primary: string; secondary: string; shape: Shape; title: string; finish: Look | null };

export function renderProductArt(input: ProductArtInput): string {
  const size = PRODUCT_IMAGE_SIZE;
  // The same arrangement for every finish: only the colours change between them.
  const draw = drawFrom(`${input.handle}#${input.index}`);
  const finish = input.finish ? finishLook(input.finish) : null;
  const look = drawFrom(input.handle); // shared by all of a product's images
  const primary = input.materials[0] ?? "brass";
  const secondary = input.materials[1] ?? primary;
  const shape = SHAPE_WORDS.find(([re]) => re.test(input.title))?.[1] ?? look.pick(SHAPES);
  const backdrop = BACKDROPS[(look.int(0, BACKDROPS.length - 1) + (input.index === 3 ? 2 : 0)) % BACKDROPS.length];
  const variant = look.int(0, 5);
  const ctx: Ctx = { draw: look, m0: "url(#m0)", m1: "url(#m1)", primary, secondary, shape, title: input.title, finish };

  const piece = pieceFor(input.category, ctx, input.index);
  const closeUp = input.index === 2;
  const tilt = input.index === 3 ? (draw.chance(0.5) ? -12 : 10) : draw.int(-4, 4);
  const zoom = (ZOOM[input.category] ?? 1.3) * (closeUp ? 1.5 : 1);
  // Necklaces hang from the top of their box: lower them so the piece sits in the middle.
  const lift = input.category === "necklaces" ? (closeUp ? 110 : 60) : 0;
  const transform = `translate(${C} ${C + lift}) scale(${zoom}) rotate(${tilt}) translate(-${C} -${closeUp ? C - 20 : C})`;

  const stage =
    input.index === 3
      ? `<rect y="560" width="${size}" height="240" fill="${backdrop[1]}"/><rect y="556" width="${size}" height="8" fill="${backdrop[2]}" opacity=".35"/>`
      : closeUp
        ? ""
        : `<circle cx="${C}" cy="${C - 10}" r="${draw.int(250, 290)}" fill="${backdrop[1]}" opacity=".75"/>`;
  const ground = closeUp
    ? ""
    : `<ellipse cx="${C}" cy="${input.index === 3 ? 600 : 640}" rx="200" ry="22" fill="#6B4A2B" opacity=".12" filter="url(#b)"/>`;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img">` +
    `<title>${escapeXml(input.title)}</title>` +
    `<defs>` +
    `<radialGradient id="bg" cx=".5" cy=".42" r=".75"><stop offset="0" stop-color="${backdrop[0]}"/><stop offset="1" stop-color="${backdrop[2]}"/></radialGradient>` +
    materialDef("m0", primary, variant, finish) +
    materialDef("m1", secondary, variant + 1, secondary === primary ? finish : null) +
    `<filter id="s" x="-30%" y="-30%" width="160%" height="170%"><feDropShadow dx="0" dy="16" stdDeviation="14" flood-color="#4A3019" flood-opacity=".26"/></filter>` +
    `<filter id="b"><feGaussianBlur stdDeviation="10"/></filter>` +
    `</defs>` +
    `<rect width="${size}" height="${size}" fill="url(#bg)"/>` +
    stage +
    ground +
    `<g transform="${transform}" filter="url(#s)">${piece}</g>` +
    `</svg>`
  );
}

function pieceFor(category: string, ctx: Ctx, index: number): string {
  switch (category) {
    case "necklaces":
      return necklace(ctx, index);
    case "bracelets":
      return bracelet(ctx, index);
    case "rings":
      return ring(ctx, index);
    default:
      return earrings(ctx, index);
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes

function shapePath(shape: Shape, cx: number, cy: number, s: number): string {
  const p = (x: number, y: number) => `${n(cx + x * s)} ${n(cy + y * s)}`;
  switch (shape) {
    case "disc":
      return circlePath(cx, cy, s);
    case "paddle":
      return `M${p(-0.42, -0.58)}A${n(0.42 * s)} ${n(0.42 * s)} 0 0 1 ${p(0.42, -0.58)}V${n(cy + 0.58 * s)}A${n(0.42 * s)} ${n(0.42 * s)} 0 0 1 ${p(-0.42, 0.58)}Z`;
    case "marquise":
      return `M${p(0, -1)}Q${p(0.95, 0)} ${p(0, 1)}Q${p(-0.95, 0)} ${p(0, -1)}Z`;
    case "crescent":
      return `M${p(-1, -0.2)}A${n(s)} ${n(s)} 0 0 0 ${p(1, -0.2)}A${n(1.1 * s)} ${n(0.62 * s)} 0 0 1 ${p(-1, -0.2)}Z`;
    case "teardrop":
      return `M${p(0, -1)}C${p(0.2, -0.45)} ${p(0.78, 0)} ${p(0.78, 0.32)}A${n(0.78 * s)} ${n(0.68 * s)} 0 0 1 ${p(-0.78, 0.32)}C${p(-0.78, 0)} ${p(-0.2, -0.45)} ${p(0, -1)}Z`;
    case "bar":
      return `M${p(-0.14, -0.86)}A${n(0.14 * s)} ${n(0.14 * s)} 0 0 1 ${p(0.14, -0.86)}V${n(cy + 0.86 * s)}A${n(0.14 * s)} ${n(0.14 * s)} 0 0 1 ${p(-0.14, 0.86)}Z`;
    case "fan":
      return `M${p(-1, -0.35)}A${n(s)} ${n(s)} 0 0 0 ${p(1, -0.35)}L${p(0.12, -0.35)}L${p(0, -0.5)}L${p(-0.12, -0.35)}Z`;
    case "kite":
      return `M${p(0, -1)}L${p(0.62, -0.1)}L${p(0, 1)}L${p(-0.62, -0.1)}Z`;
    case "arc":
      return `M${p(-1, 0.3)}A${n(s)} ${n(s)} 0 0 1 ${p(1, 0.3)}L${p(0.58, 0.3)}A${n(0.58 * s)} ${n(0.58 * s)} 0 0 0 ${p(-0.58, 0.3)}Z`;
    case "pebble":
      return `M${p(-0.95, 0.05)}C${p(-1, -0.8)} ${p(0.85, -1)} ${p(0.95, -0.15)}C${p(1.05, 0.75)} ${p(-0.85, 1)} ${p(-0.95, 0.05)}Z`;
  }
}

/** A shape in a material, with a highlight for shiny materials and an inlay when two materials meet. */
function solid(ctx: Ctx, shape: Shape, cx: number, cy: number, s: number, which: 0 | 1 = 0): string {
  const look = lookFor(ctx, which);
  const fill = which === 0 ? ctx.m0 : ctx.m1;
  const opacity = look.opacity ? ` fill-opacity="${look.opacity}"` : "";
  let out = `<path d="${shapePath(shape, cx, cy, s)}" fill="${fill}"${opacity}/>`;
  if (look.shine) {
    out += `<path d="M${n(cx - s * 0.45)} ${n(cy - s * 0.3)}Q${n(cx - s * 0.3)} ${n(cy - s * 0.62)} ${n(cx + s * 0.05)} ${n(cy - s * 0.7)}" stroke="#fff" stroke-opacity="${look.shine}" stroke-width="${n(Math.max(2, s * 0.07))}" fill="none" stroke-linecap="round"/>`;
  }
  if (which === 0 && ctx.secondary !== ctx.primary && s > 30) {
    const inner = shape === "bar" || shape === "paddle" ? shape : "disc";
    out += `<path d="${shapePath(inner, cx, cy + s * 0.12, s * 0.36)}" fill="${ctx.m1}"/>`;
  }
  return out;
}

function wire(ctx: Ctx, d: string, width = 4, which: 0 | 1 = 0): string {
  const colour = lookFor(ctx, which).wire;
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round"/>`;
}

/** A band (hoop, cuff, ring) stroked with a material gradient. */
function band(ctx: Ctx, d: string, width: number, which: 0 | 1 = 0, extra = ""): string {
  const look = lookFor(ctx, which);
  const opacity = look.opacity ? ` stroke-opacity="${look.opacity}"` : "";
  return `<path d="${d}" fill="none" stroke="${which === 0 ? ctx.m0 : ctx.m1}" stroke-width="${width}" stroke-linecap="round"${opacity}${extra}/>`;
}

/** Beads along points, grouped by colour so the markup stays small. */
function beads(points: [number, number][], r: number, offset: number, palette: readonly string[] = BEAD_COLOURS): string {
  const byColour = new Map<string, string>();
  points.forEach(([x, y], i) => {
    const colour = palette[(i + offset) % palette.length];
    byColour.set(colour, `${byColour.get(colour) ?? ""}<circle cx="${Math.round(x)}" cy="${Math.round(y)}" r="${r}"/>`);
  });
  return [...byColour].map(([colour, circles]) => `<g fill="${colour}">${circles}</g>`).join("");
}

function isBeadish(material: string) {
  return material === "beads" || material === "recycled glass";
}

const GLASS = ["#7FC8BE", "#3E9C8F", "#A8D8F0", "#2F7FB5", "#A9D18E", "#CDEFEA"] as const;

function palette(material: string, ctx?: Ctx): readonly string[] {
  if (ctx && material === ctx.primary && ctx.finish?.palette) return ctx.finish.palette;
  return material === "recycled glass" ? GLASS : BEAD_COLOURS;
}

/** How the piece's leading (0) or second (1) material looks: the chosen finish's colours for the leading one. */
function lookFor(ctx: Ctx, which: 0 | 1): Look {
  if (which === 0 && ctx.finish) return ctx.finish;
  return lookOf(which === 0 ? ctx.primary : ctx.secondary);
}

// ---------------------------------------------------------------------------------------------
// Categories

function earrings(ctx: Ctx, index: number): string {
  const t = ctx.title.toLowerCase();
  const spread = index === 3 ? 120 : 100;
  const pair = (draw1: (x: number, y: number, mirror: number) => string) =>
    draw1(C - spread, C - 20, -1) + draw1(C + spread, C - 20 + (index === 3 ? 40 : 0), 1);

  if (/hoop|huggie|climber/.test(t)) {
    const r = /huggie/.test(t) ? 62 : 96;
    return pair(
      (x, y) =>
        band(ctx, circlePath(x, y, r), /huggie/.test(t) ? 26 : 14) +
        (ctx.secondary !== ctx.primary ? solid(ctx, "disc", x, y + r, 18, 1) : ""),
    );
  }
  if (/threader/.test(t)) {
    return pair(
      (x, y, m) =>
        wire(ctx, `M${x} ${y - 170}C${x + 30 * m} ${y - 60} ${x - 20 * m} ${y + 10} ${x} ${y + 60}`, 4) +
        solid(ctx, ctx.shape, x, y + 110, 56),
    );
  }
  if (/fringe/.test(t)) {
    return pair((x, y) => {
      let out = solid(ctx, "bar", x, y - 120, 40);
      out += `<rect x="${x - 60}" y="${y - 88}" width="120" height="10" rx="5" fill="${ctx.m0}"/>`;
      const pts: [number, number][] = [];
      for (let i = 0; i < 5; i++) {
        const len = 4 + Math.round(3 * Math.sin((i / 4) * Math.PI));
        for (let k = 0; k < len; k++) pts.push([x - 48 + i * 24, y - 64 + k * 24]);
      }
      out += beads(pts, 10, 0, palette(isBeadish(ctx.primary) ? ctx.primary : "beads", ctx));
      return out;
    });
  }
  if (/drop|dangle|statement/.test(t)) {
    const s = /statement/.test(t) ? 110 : 82;
    return pair(
      (x, y) =>
        solid(ctx, "disc", x, y - 150, 20, ctx.secondary !== ctx.primary ? 1 : 0) +
        wire(ctx, `M${x} ${y - 128}V${y - s + 12}`, 5) +
        solid(ctx, ctx.shape, x, y + 20, s),
    );
  }
  // Studs: a post and a shape.
  const s = /petite|mini|delicate/i.test(ctx.title) ? 72 : 90;
  return pair((x, y) => `<circle cx="${x}" cy="${y - s - 6}" r="5" fill="${lookFor(ctx, 0).wire}"/>${solid(ctx, ctx.shape, x, y, s)}`);
}

function necklace(ctx: Ctx, index: number): string {
  const t = ctx.title.toLowerCase();
  const depth = index === 3 ? 360 : 420;
  const chain = (top: number, bottom: number, w = 4) =>
    `<path d="M170 ${top}C210 ${bottom} 590 ${bottom} 630 ${top}" fill="none" stroke="${(isBeadish(ctx.primary) ? lookOf("brass") : lookFor(ctx, 0)).wire}" stroke-width="${w}" stroke-dasharray="9 5" stroke-linecap="round"/>`;
  const low = (top: number, bottom: number) => top * 0.25 + bottom * 0.75; // where the curve bottoms out

  if (/choker|collar|bib/.test(t)) {
    let out = lookFor(ctx, 0).dotted
      ? beads(pointsOnCubic([190, 150], [220, depth], [580, depth], [610, 150], 24), 14, 0)
      : band(ctx, `M190 150C220 ${depth} 580 ${depth} 610 150`, 26);
    if (/bib/.test(t) || isBeadish(ctx.primary) || ctx.secondary === "beads") {
      for (let row = 1; row <= 3; row++) {
        const y = depth + row * 42;
        out += beads(
          pointsOnCubic([220, 190 + row * 40], [250, y], [550, y], [580, 190 + row * 40], 11 + row * 2, 0.1, 0.9),
          9,
          row,
          palette(isBeadish(ctx.secondary) ? ctx.secondary : "beads", ctx),
        );
      }
    } else {
      out += solid(ctx, ctx.shape, C, low(150, depth) + 50, 48, ctx.secondary !== ctx.primary ? 1 : 0);
    }
    return out;
  }
  if (/beaded/.test(t) || (isBeadish(ctx.primary) && !/pendant|charm|bar/.test(t))) {
    const pts = pointsOnCubic([170, 110], [210, depth + 40], [590, depth + 40], [630, 110], 29);
    const mid = pts[14];
    const pendant =
      ctx.secondary !== ctx.primary
        ? solid(ctx, ctx.shape, mid[0], mid[1] + 60, 44, 1)
        : beads(
            [
              [mid[0], mid[1] + 34],
              [mid[0] - 17, mid[1] + 62],
              [mid[0] + 17, mid[1] + 62],
              [mid[0], mid[1] + 92],
            ],
            17,
            2,
            palette(ctx.primary, ctx),
          );
    return beads(pts, 12, 0, palette(ctx.primary, ctx)) + pendant;
  }
  if (/\bbar\b/.test(t)) {
    const y = low(110, depth);
    return `${chain(110, depth)}<rect x="${C - 110}" y="${n(y - 8)}" width="220" height="26" rx="13" fill="${ctx.m0}"/>`;
  }
  if (/layering/.test(t)) {
    return (
      chain(100, depth - 60, 3) +
      chain(100, depth + 60, 3) +
      solid(ctx, "disc", C, low(100, depth - 60) + 22, 20) +
      solid(ctx, ctx.shape, C, low(100, depth + 60) + 46, 42, 1)
    );
  }
  if (/lariat/.test(t)) {
    const y = low(110, depth);
    return (
      chain(110, depth) +
      wire(ctx, `M${C} ${n(y)}V${n(y + 150)}`, 4) +
      solid(ctx, ctx.shape, C, y + 170, 30) +
      solid(ctx, "disc", C, y + 90, 16, 1)
    );
  }
  // Pendant or charm.
  const y = low(110, depth);
  const s = /charm/.test(t) ? 54 : 78;
  return (
    chain(110, depth) +
    `<circle cx="${C}" cy="${n(y + 6)}" r="9" fill="none" stroke="${lookOf("brass").wire}" stroke-width="4"/>` +
    solid(ctx, ctx.shape, C, y + 18 + s, s)
  );
}

function bracelet(ctx: Ctx, index: number): string {
  const t = ctx.title.toLowerCase();
  const ry = index === 3 ? 90 : 115;
  const cuff = (cy: number, rx: number, width: number, which: 0 | 1) => {
    // The back of the band sits in shadow and is open at the top; the front is lit.
    const back = `M${C - rx} ${cy}A${rx} ${ry} 0 0 1 ${C - 24} ${n(cy - ry + 1)}M${C + 24} ${n(cy - ry + 1)}A${rx} ${ry} 0 0 1 ${C + rx} ${cy}`;
    const front = `M${C - rx} ${cy}A${rx} ${ry} 0 0 0 ${C + rx} ${cy}`;
    return band(ctx, back, width * 0.8, which, ` opacity=".72"`) + band(ctx, front, width, which);
  };
  const bangle = (cy: number, rx: number, width: number, which: 0 | 1) =>
    band(ctx, `M${C - rx} ${cy}A${rx} ${ry} 0 0 1 ${C + rx} ${cy}`, width * 0.8, which, ` opacity=".72"`) +
    band(ctx, `M${C - rx} ${cy}A${rx} ${ry} 0 0 0 ${C + rx} ${cy}`, width, which);

  if (/beaded/.test(t) || isBeadish(ctx.primary)) {
    const rows = /wrap/.test(t) ? 3 : 1;
    let out = "";
    for (let r = 0; r < rows; r++)
      out += beads(pointsOnEllipse(C, C - 10 + (r - (rows - 1) / 2) * 34, 190 - r * 6, ry, 30), 13, r * 3, palette(ctx.primary, ctx));
    if (ctx.secondary !== ctx.primary && !isBeadish(ctx.secondary)) out += solid(ctx, ctx.shape, C, C - 10 + ry, 30, 1);
    return out;
  }
  if (/link/.test(t)) {
    const pts = pointsOnEllipse(C, C, 190, ry, 14);
    return pts
      .map(
        ([x, y], i) =>
          `<ellipse cx="${n(x)}" cy="${n(y)}" rx="30" ry="20" fill="none" stroke="${i % 2 ? ctx.m1 : ctx.m0}" stroke-width="12"/>`,
      )
      .join("");
  }
  if (/wrap/.test(t))
    return bangle(C - 46, 180, 14, 0) + bangle(C, 186, 14, 0) + bangle(C + 46, 192, 14, ctx.secondary !== ctx.primary ? 1 : 0);
  if (/stacking|set|mixed/.test(t)) {
    return cuff(C - 70, 175, 30, 0) + bangle(C, 185, 22, 1) + cuff(C + 70, 195, 40, 0);
  }
  if (/bangle/.test(t)) return bangle(C - 20, 190, 30, 0) + (ctx.secondary !== ctx.primary ? bangle(C + 30, 196, 18, 1) : "");
  return (
    cuff(C, 190, /bold|grand/i.test(ctx.title) ? 78 : 56, 0) +
    (ctx.secondary !== ctx.primary ? solid(ctx, ctx.shape, C, C + ry, 36, 1) : "")
  );
}

function ring(ctx: Ctx, index: number): string {
  const t = ctx.title.toLowerCase();
  const cy = C + 30;
  const upright = (cx: number, r: number, width: number, which: 0 | 1) =>
    (lookFor(ctx, which).dotted
      ? beads(pointsOnEllipse(cx, cy, r, r, Math.round(r / 9)), Math.round(width * 0.6), which * 3)
      : band(ctx, circlePath(cx, cy, r), width, which)) +
    `<ellipse cx="${cx}" cy="${cy + r + 4}" rx="${n(r * 0.8)}" ry="8" fill="#000" opacity=".06"/>`;

  if (/stacking|midi|set/.test(t)) {
    return (
      upright(C - 95, 92, 16, 0) +
      upright(C, 92, 22, 1) +
      upright(C + 95, 92, 14, 0) +
      (index === 3 ? solid(ctx, "disc", C, cy - 92, 16) : "")
    );
  }
  if (/open/.test(t)) {
    const r = 130;
    return (
      band(ctx, `M${C - 40} ${n(cy - r + 7)}A${r} ${r} 0 1 0 ${C + 40} ${n(cy - r + 7)}`, 22) +
      solid(ctx, "disc", C - 40, cy - r + 8, 24, 1) +
      solid(ctx, "disc", C + 40, cy - r + 8, 24, 1)
    );
  }
  if (/wrap/.test(t)) {
    // Two turns of a coil, offset: reads as a wrap.
    return (
      upright(C - 22, 118, 18, 0) +
      band(ctx, `M${C - 96} ${cy - 70}A118 118 0 0 1 ${C + 140} ${cy}`, 18, 1) +
      solid(ctx, "disc", C + 140, cy, 16, 1)
    );
  }
  const r = 130;
  let out = upright(C, r, /band/.test(t) ? 40 : 26, 0);
  if (/signet/.test(t)) {
    // A flat face sitting on the band.
    out += `<ellipse cx="${C}" cy="${cy - r - 4}" rx="70" ry="34" fill="${ctx.m0}"/><ellipse cx="${C}" cy="${cy - r - 10}" rx="56" ry="24" fill="${ctx.secondary !== ctx.primary ? ctx.m1 : ctx.m0}" opacity=".9"/>`;
  } else if (/cocktail|sculpted/.test(t) || ctx.secondary !== ctx.primary || index === 3) {
    const s = /cocktail/.test(t) ? 70 : 54;
    out += solid(ctx, ctx.shape === "bar" ? "marquise" : ctx.shape, C, cy - r - s * 0.55, s, ctx.secondary !== ctx.primary ? 1 : 0);
  }
  return out;
}
