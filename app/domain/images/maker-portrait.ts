/**
 * Maker portraits, drawn: an abstract, respectful likeness (a geometric head-and-shoulders
 * silhouette with a headwrap or hair, no facial features) on a patterned, warm background.
 * Deterministic per artisan handle; we never invent a photograph of a real person.
 */
import { drawFrom, type Draw } from "./hash";
import { circlePath, n, pointsOnEllipse } from "./svg";
import { PORTRAIT_SIZE } from "./urls";

const SKIN = ["#3B2219", "#4A2C1E", "#5C3A24", "#6B4429", "#7A4E2F", "#8A5A36", "#9A6840"] as const;
const HAIR = ["#15100C", "#1E1510", "#2A1D15"] as const;
/** Backgrounds and garments: terracotta, ochre, teal, indigo, sage, plum, mustard. */
const WARM = ["#C8553D", "#E0A458", "#2A6F6F", "#2E3A59", "#8A9A5B", "#6D2E46", "#D9A441", "#B5651D", "#3F7F5F"] as const;
const LIGHT = ["#F4E9D8", "#F7E3C6", "#EFD9C3", "#F2E6D0"] as const;

type Style = "headwrap" | "short" | "puff" | "braids" | "cropped";
const STYLES: readonly [Style, number][] = [
  ["headwrap", 4],
  ["short", 2],
  ["puff", 2],
  ["braids", 2],
  ["cropped", 1],
];

function weighted<T>(draw: Draw, entries: readonly [T, number][]): T {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let roll = draw.next() * total;
  for (const [value, w] of entries) {
    roll -= w;
    if (roll < 0) return value;
  }
  return entries[0][0];
}

/** A background pattern (kitenge-like): dots, triangles, zigzag or diamonds. */
function pattern(draw: Draw, colour: string): string {
  const kind = draw.int(0, 3);
  const s = draw.pick([36, 44, 52]);
  const h = s / 2;
  const body = [
    `<circle cx="${h}" cy="${h}" r="${n(s * 0.14)}"/><circle cx="0" cy="0" r="${n(s * 0.08)}"/><circle cx="${s}" cy="${s}" r="${n(s * 0.08)}"/>`,
    `<path d="M0 ${s}L${h} ${n(s * 0.35)}L${s} ${s}Z"/>`,
    `<path d="M0 ${n(s * 0.7)}L${h} ${n(s * 0.3)}L${s} ${n(s * 0.7)}" fill="none" stroke="${colour}" stroke-width="${n(s * 0.12)}"/>`,
    `<path d="M${h} ${n(s * 0.15)}L${n(s * 0.85)} ${h}L${h} ${n(s * 0.85)}L${n(s * 0.15)} ${h}Z"/>`,
  ][kind];
  return `<pattern id="p" width="${s}" height="${s}" patternUnits="userSpaceOnUse" patternTransform="rotate(${draw.pick([0, 0, 45, 15])})"><g fill="${colour}">${body}</g></pattern>`;
}

export function renderMakerPortrait(handle: string): string {
  const size = PORTRAIT_SIZE;
  const draw = drawFrom(`maker:${handle}`);
  const bgIndex = draw.int(0, WARM.length - 1);
  const bg = WARM[bgIndex];
  const halo = draw.pick(LIGHT);
  const garment = WARM[(bgIndex + draw.int(2, WARM.length - 2)) % WARM.length];
  const accent = WARM[(bgIndex + draw.int(1, WARM.length - 1)) % WARM.length];
  const skin = draw.pick(SKIN);
  const hair = draw.pick(HAIR);
  const style = weighted(draw, STYLES);
  const cx = 300;
  const headY = 288 + draw.int(-8, 8);
  const rx = 74 + draw.int(-4, 6);
  const ry = 92 + draw.int(-4, 6);
  const tilt = draw.int(-4, 4);

  const defs =
    pattern(draw, "rgba(255,255,255,.16)") +
    `<linearGradient id="k" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${skin}" stop-opacity=".82"/><stop offset="1" stop-color="${skin}"/></linearGradient>` +
    `<pattern id="w" width="28" height="28" patternUnits="userSpaceOnUse" patternTransform="rotate(${draw.pick([20, -25, 45])})"><rect width="28" height="28" fill="${accent}"/><rect width="28" height="9" fill="${halo}" opacity=".85"/><circle cx="14" cy="19" r="4" fill="${garment}"/></pattern>`;

  // Shoulders and a neckline band.
  const shoulders = `<path d="M70 600C78 470 180 428 300 428S522 470 530 600Z" fill="${garment}"/>`;
  const neckline = draw.chance(0.5)
    ? `<path d="M236 438Q300 520 364 438" fill="none" stroke="url(#w)" stroke-width="26"/>`
    : `<path d="M250 432L300 500L350 432" fill="none" stroke="${accent}" stroke-width="14" stroke-linejoin="round"/>`;
  const neck = `<path d="M${cx - 30} ${headY + 60}h60v90q-30 16 -60 0Z" fill="${skin}"/>`;
  const head = `<ellipse cx="${cx}" cy="${headY}" rx="${rx}" ry="${ry}" fill="url(#k)"/>`;
  // A soft shade on one side gives volume without drawing a face.
  const shade = `<path d="M${cx + 10} ${headY - ry + 6}A${rx} ${ry} 0 0 1 ${cx + 10} ${headY + ry - 6}A${rx * 0.7} ${ry} 0 0 0 ${cx + 10} ${headY - ry + 6}Z" fill="#000" opacity=".12"/>`;

  let back = "";
  let front = "";
  switch (style) {
    case "headwrap": {
      const top = headY - ry - draw.int(40, 80);
      front =
        `<path d="M${cx - rx - 6} ${headY - 10}C${cx - rx - 20} ${top + 10} ${cx - 30} ${top - 10} ${cx + 10} ${top}C${cx + rx + 40} ${top + 10} ${cx + rx + 16} ${headY - 40} ${cx + rx + 6} ${headY - 10}Q${cx} ${headY - ry + 10} ${cx - rx - 6} ${headY - 10}Z" fill="url(#w)"/>` +
        `<path d="${circlePath(cx + draw.int(-40, 40), top + 24, draw.int(22, 30))}" fill="url(#w)" stroke="rgba(0,0,0,.15)" stroke-width="2"/>` +
        `<path d="M${cx - rx - 4} ${headY - 12}Q${cx} ${headY - ry + 4} ${cx + rx + 4} ${headY - 12}" fill="none" stroke="${accent}" stroke-width="8"/>`;
      break;
    }
    case "short":
      back = `<ellipse cx="${cx}" cy="${headY - 18}" rx="${rx + 16}" ry="${ry + 4}" fill="${hair}"/>`;
      front = `<path d="M${cx - rx - 2} ${headY - 14}Q${cx} ${headY - ry - 40} ${cx + rx + 2} ${headY - 14}Q${cx} ${headY - ry + 14} ${cx - rx - 2} ${headY - 14}Z" fill="${hair}"/>`;
      break;
    case "puff":
      back = `<circle cx="${cx}" cy="${headY - ry - 30}" r="${draw.int(48, 62)}" fill="${hair}"/>`;
      front = `<path d="M${cx - rx} ${headY - 20}Q${cx} ${headY - ry - 30} ${cx + rx} ${headY - 20}Q${cx} ${headY - ry + 10} ${cx - rx} ${headY - 20}Z" fill="${hair}"/><rect x="${cx - 40}" y="${headY - ry - 8}" width="80" height="10" rx="5" fill="${accent}"/>`;
      break;
    case "braids": {
      back = `<ellipse cx="${cx}" cy="${headY - 10}" rx="${rx + 10}" ry="${ry + 8}" fill="${hair}"/>`;
      const strands = [-1, 1]
        .flatMap((side) =>
          [0, 1, 2].map((i) => `M${cx + side * (rx - 6 + i * 9)} ${headY}q${side * 8} 90 ${side * (4 + i * 6)} ${170 - i * 10}`),
        )
        .join("");
      back += `<path d="${strands}" fill="none" stroke="${hair}" stroke-width="12" stroke-linecap="round"/>`;
      front =
        `<path d="M${cx - rx} ${headY - 16}Q${cx} ${headY - ry - 34} ${cx + rx} ${headY - 16}Q${cx} ${headY - ry + 8} ${cx - rx} ${headY - 16}Z" fill="${hair}"/>` +
        `<path d="M${cx - 40} ${headY - ry + 2}Q${cx} ${headY - ry - 20} ${cx + 40} ${headY - ry + 2}" fill="none" stroke="rgba(255,255,255,.18)" stroke-width="3"/>`;
      break;
    }
    case "cropped":
      front = `<path d="M${cx - rx + 2} ${headY - 24}Q${cx} ${headY - ry - 22} ${cx + rx - 2} ${headY - 24}Q${cx} ${headY - ry + 6} ${cx - rx + 2} ${headY - 24}Z" fill="${hair}"/>`;
      break;
  }

  // Jewellery: brass earrings, and sometimes a beaded collar.
  let jewellery = "";
  if (draw.chance(0.7)) {
    const r = draw.pick([8, 10, 14]);
    jewellery += [-1, 1]
      .map((side) => `<circle cx="${cx + side * (rx - 2)}" cy="${headY + 18 + r}" r="${r}" fill="none" stroke="#D4A640" stroke-width="4"/>`)
      .join("");
  }
  if (draw.chance(0.4)) {
    const colours = [accent, halo, "#D4A640", "#1F4E79"];
    jewellery += pointsOnEllipse(cx, headY + 150, 62, 30, 13, 10, 160)
      .map(([x, y], i) => `<circle cx="${Math.round(x)}" cy="${Math.round(y)}" r="7" fill="${colours[i % colours.length]}"/>`)
      .join("");
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img">` +
    `<title>Portrait illustration</title>` +
    `<defs>${defs}</defs>` +
    `<rect width="${size}" height="${size}" fill="${bg}"/>` +
    `<rect width="${size}" height="${size}" fill="url(#p)"/>` +
    `<circle cx="${cx}" cy="${headY + 20}" r="${draw.int(190, 220)}" fill="${halo}" opacity=".92"/>` +
    `${neck}${shoulders}${neckline}<g transform="rotate(${tilt} ${cx} ${headY + 120})">${back}${head}${shade}${front}${jewellery}</g>` +
    `</svg>`
  );
}
