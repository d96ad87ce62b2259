/**
 * Where generated images live. The seed stores these URLs, the resource routes parse them back:
 * `/images/products/<handle>-<n>.svg` (n from 1), `/images/products/<handle>-<n>.<finish>.svg` (the
 * same view in one finish, e.g. `…-1.natural-horn.svg`) and `/images/makers/<handle>.svg`.
 */

export const PRODUCT_IMAGE_SIZE = 800;
export const PORTRAIT_SIZE = 600;

const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_HANDLE_LENGTH = 120;
/** Every product can be drawn from up to six angles, whatever it stores. */
const MAX_IMAGES = 6;

export function isHandle(value: string): boolean {
  return value.length <= MAX_HANDLE_LENGTH && HANDLE.test(value);
}

export function productImageUrl(handle: string, index: number, finish?: string | null): string {
  return `/images/products/${handle}-${index}${finish ? `.${finish}` : ""}.svg`;
}

export function makerPortraitUrl(handle: string): string {
  return `/images/makers/${handle}.svg`;
}

/**
 * `petite-horn-paddle-stud-2.svg` → { handle: "petite-horn-paddle-stud", index: 2, finish: null };
 * `kuzi-ring-1.natural-horn.svg` → { handle: "kuzi-ring", index: 1, finish: "natural-horn" }; null if malformed.
 */
export function parseProductImageName(name: string): { handle: string; index: number; finish: string | null } | null {
  const match = /^(.+)-(\d)(?:\.([a-z0-9]+(?:-[a-z0-9]+)*))?\.svg$/.exec(name);
  if (!match) return null;
  const index = Number(match[2]);
  if (index < 1 || index > MAX_IMAGES || String(index) !== match[2]) return null;
  if (!isHandle(match[1])) return null;
  if (match[3] !== undefined && match[3].length > 40) return null;
  return { handle: match[1], index, finish: match[3] ?? null };
}

/** `wanjiru-kamau.svg` → "wanjiru-kamau"; null if malformed. */
export function parseMakerPortraitName(name: string): string | null {
  const match = /^(.+)\.svg$/.exec(name);
  if (!match || !isHandle(match[1])) return null;
  return match[1];
}
