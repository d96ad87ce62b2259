/**
 * Uploaded photos (staff's product photos, shoppers' review photos): checked by content, stored
 * under a random name. Checking is separate from writing, so a caller can check every file of a
 * form (and who is asking) before the first byte is stored.
 */
import { randomUUID } from "node:crypto";
import { imageInfo, MAX_IMAGE_BYTES, type ImageInfo } from "./image-info";
import { keyOfUrl, uploadStore, type UploadFolder, type UploadStore } from "./store.server";

export type SavedImage = { url: string; width: number; height: number; key: string };
export type SaveImageResult = { ok: true; image: SavedImage } | { ok: false; message: string };

/** An image whose bytes were read and checked, not yet stored. */
export type CheckedImage = { bytes: Uint8Array; info: ImageInfo };
export type CheckImageResult = { ok: true; image: CheckedImage } | { ok: false; message: string };

/** Reads and checks one uploaded file: present, at most 5 MB, really a JPEG, PNG or WebP. Writes nothing. */
export async function checkImage(file: File): Promise<CheckImageResult> {
  if (file.size === 0) return { ok: false, message: "Choose an image file to upload." };
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, message: "The image is larger than 5 MB. Export it smaller and try again." };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = imageInfo(bytes);
  if (!info) return { ok: false, message: "That file isn't a JPEG, PNG or WebP image." };
  return { ok: true, image: { bytes, info } };
}

/** Stores a checked image under a fresh random key in `folder`. */
export async function storeImage(folder: UploadFolder, image: CheckedImage, store: UploadStore = uploadStore()): Promise<SavedImage> {
  const key = `${folder}/${randomUUID()}.${image.info.ext}`;
  await store.put(key, image.bytes, image.info.contentType);
  return { url: store.publicUrl(key), width: image.info.width, height: image.info.height, key };
}

export async function saveProductImage(file: File, store: UploadStore = uploadStore()): Promise<SaveImageResult> {
  const checked = await checkImage(file);
  if (!checked.ok) return checked;
  return { ok: true, image: await storeImage("products", checked.image, store) };
}

/** Deletes an uploaded file behind a URL; generated images (/images/…) have no file and are left alone. */
export async function removeUploadedImage(url: string, store: UploadStore = uploadStore()) {
  const key = keyOfUrl(url);
  if (key) await store.remove(key);
}
