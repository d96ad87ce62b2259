/** Product photos staff upload in /ops/products: checked by content, stored under a random name. */
import { randomUUID } from "node:crypto";
import { imageInfo, MAX_IMAGE_BYTES } from "./image-info";
import { keyOfUrl, uploadStore, type UploadStore } from "./store.server";

export type SavedImage = { url: string; width: number; height: number; key: string };
export type SaveImageResult = { ok: true; image: SavedImage } | { ok: false; message: string };

export async function saveProductImage(file: File, store: UploadStore = uploadStore()): Promise<SaveImageResult> {
  if (file.size === 0) return { ok: false, message: "Choose an image file to upload." };
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, message: "The image is larger than 5 MB. Export it smaller and try again." };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = imageInfo(bytes);
  if (!info) return { ok: false, message: "That file isn't a JPEG, PNG or WebP image." };
  const key = `products/${randomUUID()}.${info.ext}`;
  await store.put(key, bytes, info.contentType);
  return { ok: true, image: { url: store.publicUrl(key), width: info.width, height: info.height, key } };
}

/** Deletes an uploaded file behind a URL; generated images (/images/…) have no file and are left alone. */
export async function removeUploadedImage(url: string, store: UploadStore = uploadStore()) {
  const key = keyOfUrl(url);
  if (key) await store.remove(key);
}
