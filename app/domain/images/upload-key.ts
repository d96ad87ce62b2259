/** What an upload store is and how its keys look, shared by the local folder and the S3 store. */
export interface UploadStore {
  readonly kind: "local" | "s3";
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | null>;
  remove(key: string): Promise<void>;
  /** The URL pages use for this key. */
  publicUrl(key: string): string;
}

/** Keys are ours alone: a folder, a random id and an extension, so a URL can never reach other files. */
export const UPLOAD_KEY = /^(products|reviews)\/[a-f0-9-]{36}\.(jpg|png|webp)$/;

/** The folders uploads go in: staff's product photos, shoppers' review photos. */
export type UploadFolder = "products" | "reviews";

export function contentTypeOfKey(key: string): string | null {
  const ext = UPLOAD_KEY.exec(key)?.[2];
  return ext === "jpg" ? "image/jpeg" : ext === "png" ? "image/png" : ext === "webp" ? "image/webp" : null;
}
