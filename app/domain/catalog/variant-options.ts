/**
 * A product's variants as separate choices ("Finish: Dark Horn, Natural Horn" and "Size: 6, 7, 8"),
 * the variant a set of choices names, and which pictures show for a finish. Pure: the product page
 * renders with it, and the bag resolves a JavaScript-off form post with the same rule.
 */
import type { ProductImageView } from "./types";

export type OptionGroup = {
  /** The option's key in `variants.options` ("finish", "size", "length"). */
  name: string;
  label: string;
  values: string[];
};

type WithOptions = { id: number; options: Record<string, string> };

/** The form field that carries one option's choice: `option.finish`, `option.size`. */
export const OPTION_FIELD_PREFIX = "option.";

/** Finish first, then size or length, then any other option in the order variants name them. */
const ORDER = ["finish", "size", "length"];

/**
 * The choices the variants are made of, or null when they cannot be offered as separate choices:
 * one variant, a variant without options, variants naming different options, or two variants
 * with the same choices (the page then lists the variants themselves).
 */
export function optionGroups(variants: readonly WithOptions[]): OptionGroup[] | null {
  // The product page asks twice a render (its gallery and its buy box), and every render of a product
  // gets the same variants from the catalog's cache until an edit (#14): worked out once per list.
  let groups = keptGroups.get(variants);
  if (groups === undefined) {
    groups = groupsOf(variants);
    keptGroups.set(variants, groups);
  }
  return groups;
}

const keptGroups = new WeakMap<readonly WithOptions[], OptionGroup[] | null>();

function groupsOf(variants: readonly WithOptions[]): OptionGroup[] | null {
  if (variants.length < 2) return null;
  const keys = Object.keys(variants[0].options ?? {});
  if (keys.length === 0) return null;
  const seen = new Set<string>();
  for (const variant of variants) {
    const own = Object.keys(variant.options ?? {});
    if (own.length !== keys.length || keys.some((k) => !isChoice(variant.options[k]))) return null;
    const signature = JSON.stringify(keys.map((k) => variant.options[k]));
    if (seen.has(signature)) return null;
    seen.add(signature);
  }
  const ordered = [...keys].sort((a, b) => rank(a) - rank(b));
  return ordered.map((name) => ({
    name,
    label: name.charAt(0).toUpperCase() + name.slice(1),
    values: [...new Set(variants.map((v) => v.options[name]))],
  }));
}

function isChoice(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function rank(key: string) {
  const i = ORDER.indexOf(key);
  return i === -1 ? ORDER.length : i;
}

/** The variant whose options are exactly these choices; null when the product has no such variant. */
export function variantForChoices<V extends WithOptions>(variants: readonly V[], choices: Record<string, string>): V | null {
  const keys = Object.keys(choices);
  return (
    variants.find((v) => {
      const own = Object.keys(v.options ?? {});
      return own.length === keys.length && own.every((k) => v.options[k] === choices[k]);
    }) ?? null
  );
}

/** `option.finish=Dark Horn&option.size=7` → { finish: "Dark Horn", size: "7" }; null when none are given. */
export function choicesFromForm(form: FormData): Record<string, string> | null {
  const choices: Record<string, string> = {};
  for (const [key, value] of form) {
    if (!key.startsWith(OPTION_FIELD_PREFIX) || typeof value !== "string") continue;
    const name = key.slice(OPTION_FIELD_PREFIX.length);
    if (name && name.length <= 40 && value.length <= 100) choices[name] = value;
  }
  return Object.keys(choices).length ? choices : null;
}

/**
 * The pictures to show for each finish, in the finish order: a finish's own pictures and the
 * shared ones (no finish). One set of every picture when no picture names a finish, or the product
 * has no finish choice. A finish without pictures of its own shows the shared ones, or else all.
 */
export function gallerySets(
  images: readonly ProductImageView[],
  finishes: readonly string[],
): { finish: string | null; images: ProductImageView[] }[] {
  const tagged = images.some((i) => i.finish);
  if (!tagged || finishes.length === 0) return [{ finish: null, images: [...images] }];
  const shared = images.filter((i) => !i.finish);
  return finishes.map((finish) => {
    const own = images.filter((i) => i.finish === finish || !i.finish);
    return { finish, images: own.length > shared.length ? own : shared.length ? shared : [...images] };
  });
}
