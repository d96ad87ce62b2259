/** Which work photos we accept: JPEG, PNG or WebP by their first bytes (not the name), up to 5 MB. Pure. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export type PhotoType = { ext: "jpg" | "png" | "webp"; contentType: string };

export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  const at = (i: number) => head[i];
  if (head.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return { ext: "jpg", contentType: "image/jpeg" };
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b))
    return { ext: "png", contentType: "image/png" };
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { ext: "webp", contentType: "image/webp" };
  return null;
}

/** Stored photo names are ours alone (a random id + extension), so a URL can't reach other files. */
export const PHOTO_NAME = /^[a-f0-9-]{36}\.(jpg|png|webp)$/;

export function contentTypeOfName(name: string): string | null {
  const ext = PHOTO_NAME.exec(name)?.[1];
  return ext === "jpg" ? "image/jpeg" : ext === "png" ? "image/png" : ext === "webp" ? "image/webp" : null;
}
