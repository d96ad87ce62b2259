/**
 * Where uploaded files live: a local folder (UPLOAD_DIR, default .data/uploads) unless S3-compatible
 * storage is configured (S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, with S3_ENDPOINT and
 * S3_REGION for non-AWS providers). Either way a file is addressed by a key such as
 * "products/<uuid>.jpg" and served at /uploads/<key> (or from S3_PUBLIC_URL, a CDN in front of the
 * bucket, when set). Callers only see this interface.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { envNow } from "~/lib/env.server";
import { createS3Store, s3ConfigFromEnv } from "./s3.server";
import { contentTypeOfKey, UPLOAD_KEY, type UploadStore } from "./upload-key";

export { contentTypeOfKey, UPLOAD_KEY, type UploadFolder, type UploadStore } from "./upload-key";

/** Where uploads are kept in local mode: UPLOAD_DIR, read per call so tests can point it at a temporary folder. */
export function uploadDir() {
  return path.resolve(envNow("UPLOAD_DIR").UPLOAD_DIR);
}

export function localStore(root = uploadDir()): UploadStore {
  const file = (key: string) => {
    if (!UPLOAD_KEY.test(key)) throw new Error(`Not an upload key: ${key}`);
    return path.join(root, key);
  };
  return {
    kind: "local",
    async put(key, body) {
      await mkdir(path.dirname(file(key)), { recursive: true });
      await writeFile(file(key), body, { flag: "wx" });
    },
    async get(key) {
      const contentType = contentTypeOfKey(key);
      if (!contentType) return null;
      try {
        return { body: new Uint8Array(await readFile(file(key))), contentType };
      } catch {
        return null;
      }
    },
    async remove(key) {
      await rm(file(key), { force: true });
    },
    publicUrl: (key) => `/uploads/${key}`,
  };
}

/** The configured store, chosen per call so tests can point UPLOAD_DIR at a temporary folder. */
export function uploadStore(): UploadStore {
  const s3 = s3ConfigFromEnv(envNow("S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_REGION", "S3_ENDPOINT", "S3_PUBLIC_URL"));
  return s3 ? createS3Store(s3) : localStore();
}

/** "/uploads/products/x.jpg" (or the CDN's URL) → "products/x.jpg"; null for any other URL (generated SVGs). */
export function keyOfUrl(url: string): string | null {
  const match =
    /(?:^|\/)uploads\/((?:products|reviews)\/[^/?#]+)$/.exec(url) ?? /\/((?:products|reviews)\/[a-f0-9-]{36}\.(?:jpg|png|webp))$/.exec(url);
  return match && UPLOAD_KEY.test(match[1]) ? match[1] : null;
}
