/** Words and rules the demo catalog is generated from. Every product is made to order in Kenya. */
import type { Category } from "../../schema";

export const MATERIALS = ["brass", "horn", "bone", "recycled glass", "beads"] as const;
export type Material = (typeof MATERIALS)[number];

export const SKILLS = [
  { slug: "brass-casting", name: "Brass casting" },
  { slug: "horn-carving", name: "Horn carving" },
  { slug: "bone-carving", name: "Bone carving" },
  { slug: "beadwork", name: "Beadwork" },
  { slug: "glass-recycling", name: "Glass recycling" },
  { slug: "wire-wrapping", name: "Wire wrapping" },
  { slug: "polishing", name: "Polishing and finishing" },
] as const;
export type SkillSlug = (typeof SKILLS)[number]["slug"];

export const MATERIAL_SKILL: Record<Material, SkillSlug> = {
  brass: "brass-casting",
  horn: "horn-carving",
  bone: "bone-carving",
  "recycled glass": "glass-recycling",
  beads: "beadwork",
};

/** How often each material leads a design. */
export const PRIMARY_MATERIAL_WEIGHTS: readonly (readonly [Material, number])[] = [
  ["brass", 40],
  ["horn", 18],
  ["bone", 12],
  ["recycled glass", 13],
  ["beads", 17],
];

/** Second materials a design may add (these pairs exist in artisans' skill sets). */
export const SECOND_MATERIAL: Record<Material, readonly Material[]> = {
  brass: ["horn", "bone", "beads"],
  horn: ["brass", "bone"],
  bone: ["brass", "horn"],
  "recycled glass": ["beads"],
  beads: ["brass", "recycled glass"],
};

/** The word a title uses for a material. */
export const MATERIAL_WORD: Record<Material, string> = {
  brass: "Brass",
  horn: "Horn",
  bone: "Bone",
  "recycled glass": "Glass",
  beads: "Beaded",
};

export type ProductType = { name: string; wire?: boolean; materials?: readonly Material[] };

export const TYPES: Record<Category, readonly ProductType[]> = {
  earrings: [
    { name: "Stud" },
    { name: "Studs" },
    { name: "Hoop Earrings", wire: true },
    { name: "Huggie Hoops", materials: ["brass"] },
    { name: "Drop Earrings" },
    { name: "Threader Earrings", wire: true },
    { name: "Statement Earrings" },
    { name: "Fringe Earrings", materials: ["beads", "brass"] },
    { name: "Paddle Stud" },
    { name: "Dangle Earrings", wire: true },
    { name: "Ear Climbers", materials: ["brass"] },
    { name: "Disc Studs" },
  ],
  necklaces: [
    { name: "Pendant Necklace" },
    { name: "Choker", wire: true },
    { name: "Collar Necklace", materials: ["brass", "beads"] },
    { name: "Bar Necklace" },
    { name: "Lariat", wire: true },
    { name: "Charm Necklace" },
    { name: "Beaded Necklace", materials: ["beads", "recycled glass"] },
    { name: "Layering Necklace" },
    { name: "Bib Necklace", materials: ["brass", "beads"] },
  ],
  bracelets: [
    { name: "Cuff" },
    { name: "Stacking Cuff" },
    { name: "Bangle" },
    { name: "Beaded Bracelet", materials: ["beads", "recycled glass"] },
    { name: "Wrap Bracelet", wire: true },
    { name: "Cuff Bracelet" },
    { name: "Bangle Set" },
    { name: "Link Bracelet", materials: ["brass", "horn", "bone"] },
  ],
  rings: [
    { name: "Ring" },
    { name: "Stacking Ring" },
    { name: "Signet Ring", materials: ["brass", "horn", "bone"] },
    { name: "Band" },
    { name: "Wrap Ring", wire: true },
    { name: "Cocktail Ring" },
    { name: "Midi Ring Set", materials: ["brass"] },
    { name: "Open Ring" },
  ],
};

export const SIZE_WORDS = ["Petite", "Mini", "Delicate", "Bold", "Classic", "Grand", "Slim"] as const;
export const SHAPE_WORDS = [
  "Paddle",
  "Crescent",
  "Marquise",
  "Dash",
  "Disc",
  "Arc",
  "Twist",
  "Orbit",
  "Wave",
  "Pebble",
  "Fan",
  "Chevron",
  "Teardrop",
  "Spiral",
  "Sculpted",
  "Hammered",
  "Kite",
  "Dot",
  "Ripple",
  "Mixed Shapes",
  "Geo",
  "Loop",
  "Tusk",
  "Sunburst",
] as const;
export const STYLE_WORDS = ["Contrast", "Mixed", "Inlay", "Two-Tone", "Layered", "Linked", "Open", "Double"] as const;
/** Swahili design names, with what they mean (used in stories). */
export const SWAHILI_NAMES: readonly (readonly [string, string])[] = [
  ["Sabi", "a soft, uneven shine"],
  ["Kuzi", "a clay water pot"],
  ["Mzuri", "beautiful"],
  ["Nyota", "star"],
  ["Mwezi", "moon"],
  ["Jua", "sun"],
  ["Bahari", "the sea"],
  ["Pwani", "the coast"],
  ["Tausi", "peacock"],
  ["Amani", "peace"],
  ["Nuru", "light"],
  ["Maji", "water"],
  ["Kito", "gem"],
  ["Upendo", "love"],
  ["Imani", "faith"],
  ["Duara", "circle"],
  ["Mto", "river"],
  ["Milima", "hills"],
  ["Kanga", "the printed cloth"],
  ["Ushanga", "beads"],
  ["Zawadi", "a gift"],
  ["Mawimbi", "waves"],
  ["Kipepeo", "butterfly"],
  ["Tembo", "elephant"],
  ["Jamii", "community"],
  ["Safari", "a journey"],
  ["Mvua", "rain"],
  ["Upepo", "wind"],
];

export const FINISHES: Record<Material, readonly string[]> = {
  brass: ["Polished Brass", "Brushed Brass"],
  horn: ["Dark Horn", "Natural Horn"],
  bone: ["Natural Bone", "Indigo Bone"],
  "recycled glass": ["Ocean Blue", "Bottle Green", "Amber"],
  beads: ["Multicolour", "Black & White", "Sunset"],
};

export const SIZES: Record<Category, { option: string; values: readonly string[] } | null> = {
  earrings: null,
  necklaces: { option: "length", values: ['16"', '18"', '20"'] },
  bracelets: { option: "size", values: ["S/M", "M/L"] },
  rings: { option: "size", values: ["6", "7", "8", "9"] },
};

/** Retail prices in whole dollars, by category. */
export const PRICES: Record<Category, readonly number[]> = {
  earrings: [28, 32, 38, 42, 48, 54, 58, 64, 68, 78, 88, 98],
  necklaces: [48, 58, 68, 78, 88, 98, 108, 118, 128, 148, 168, 188, 220],
  bracelets: [38, 42, 48, 58, 68, 78, 88, 98, 118, 138, 168],
  rings: [28, 32, 36, 42, 48, 54, 58, 68, 78, 88, 118],
};

export const LEAD_TIMES: Record<Material, readonly [number, number]> = {
  brass: [14, 28],
  horn: [10, 21],
  bone: [10, 21],
  "recycled glass": [14, 21],
  beads: [7, 14],
};

export const MATERIAL_STORY: Record<Material, readonly string[]> = {
  brass: [
    "The brass is reclaimed from scrap, melted down and sand-cast in small batches, then hand-polished to a warm glow.",
    "Upcycled brass is cast, filed and burnished by hand, so every piece carries the faint marks of the maker's tools.",
  ],
  horn: [
    "The horn is an ethically sourced by-product of Kenya's food industry, cut, carved and sanded until its natural striations show.",
    "Each piece of horn is shaped by hand and buffed with oil, so no two share the same pattern of dark and light.",
  ],
  bone: [
    "Upcycled cow bone is cleaned, sun-bleached and carved by hand into a smooth, cream-coloured surface.",
    "The bone is a by-product that would otherwise go to waste; artisans carve and polish it until it feels like river stone.",
  ],
  "recycled glass": [
    "The glass begins as bottles collected in Nairobi, crushed and fired into new beads in a small kiln.",
    "Recycled glass is melted and shaped into translucent beads that catch the light like shallow water.",
  ],
  beads: [
    "The beads are strung by hand in patterns that draw on generations of Kenyan beadwork.",
    "Each bead is threaded by hand, one colour at a time, in a pattern the artisan has made her own.",
  ],
};

export const CLOSINGS = [
  "Made to order by an independent artisan in Kenya, who is paid as soon as the piece passes quality check.",
  "Your order goes straight to an artisan's phone through Soko's virtual factory, and the piece is made for you.",
  "Designed in Nairobi in partnership with the artisans who make it, and finished by hand.",
  "Every piece is made by hand, so small variations in colour and texture are part of its character.",
] as const;

export const CARE: Record<Material, string> = {
  brass:
    "Brass warms to a soft patina over time. Keep it dry, store it in the pouch, and polish with a soft cloth or a little lemon juice to bring back the shine.",
  horn: "Keep horn away from water and heat. Rub with a drop of natural oil now and then to keep its lustre.",
  bone: "Wipe bone with a dry cloth and keep it away from water, perfume and lotions so it stays bright.",
  "recycled glass": "Glass is sturdy but not unbreakable: store it apart from harder pieces and wipe clean with a damp cloth.",
  beads: "Keep beadwork away from water and store it flat so the thread keeps its shape.",
};

export const CATEGORY_COLLECTIONS: Record<Category, { title: string; description: string }> = {
  earrings: {
    title: "Earrings",
    description: "Studs, hoops and statement drops in brass, horn, bone and recycled glass, made to order in Kenya.",
  },
  necklaces: { title: "Necklaces", description: "Pendants, collars and layering pieces, cast and carved by hand." },
  bracelets: { title: "Bracelets", description: "Cuffs, bangles and beaded stacks to wear alone or together." },
  rings: { title: "Rings", description: "Stacking rings, signets and sculptural bands, sized for you." },
};
