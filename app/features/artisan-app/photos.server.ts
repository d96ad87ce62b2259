/**
 * Work photos ("ready for pickup") on local disk under UPLOAD_DIR (default .data/uploads), served
 * by /artisan/photos/:name. Object storage can replace these two functions without touching callers.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { uploadDir } from "~/domain/images/index.server";
import { MAX_PHOTO_BYTES, PHOTO_NAME, contentTypeOfName, sniffPhotoType } from "./photo-rules";

const photoDir = () => path.join(uploadDir(), "work-photos");

export type SavePhotoResult = { ok: true; url: string } | { ok: false };

/** Checks the size and the real type (by content), then stores it under a fresh random name. */
export async function saveWorkPhoto(file: File): Promise<SavePhotoResult> {
  if (file.size === 0 || file.size > MAX_PHOTO_BYTES) return { ok: false };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffPhotoType(bytes.subarray(0, 16));
  if (!type) return { ok: false };
  const name = `${randomUUID()}.${type.ext}`;
  await mkdir(photoDir(), { recursive: true });
  await writeFile(path.join(photoDir(), name), bytes, { flag: "wx" });
  return { ok: true, url: `/artisan/photos/${name}` };
}

/** Removes a photo saved for a change that did not happen (its url as saveWorkPhoto gave it). */
export async function removeWorkPhoto(url: string) {
  const name = url.split("/").pop() ?? "";
  if (PHOTO_NAME.test(name)) await rm(path.join(photoDir(), name), { force: true });
}

export async function readWorkPhoto(name: string): Promise<{ body: Buffer; contentType: string } | null> {
  const contentType = contentTypeOfName(name);
  if (!contentType || !PHOTO_NAME.test(name)) return null;
  try {
    return { body: await readFile(path.join(photoDir(), name)), contentType };
  } catch {
    return null;
  }
}
