/** The S3-compatible UploadStore: plain fetch with SigV4 headers (no SDK), path-style URLs. */
import { contentTypeOfKey, UPLOAD_KEY, type UploadStore } from "./upload-key";
import { EMPTY_PAYLOAD_HASH, sha256Hex, signS3Request, type S3Credentials } from "./s3-sign";

export type S3Config = S3Credentials & { endpoint: string; bucket: string; publicUrl?: string };

/** Settings from the environment, or null (local folder) unless bucket and keys are all present. */
export function s3ConfigFromEnv(vars: Record<string, string | undefined>): S3Config | null {
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = vars;
  if (!bucket || !accessKeyId || !secretAccessKey) return null;
  const region = vars.S3_REGION || "us-east-1";
  return {
    bucket,
    accessKeyId,
    secretAccessKey,
    region,
    endpoint: (vars.S3_ENDPOINT || `https://s3.${region}.amazonaws.com`).replace(/\/+$/, ""),
    publicUrl: vars.S3_PUBLIC_URL?.replace(/\/+$/, "") || undefined,
  };
}

export function createS3Store(config: S3Config): UploadStore {
  const objectUrl = (key: string) => {
    if (!UPLOAD_KEY.test(key)) throw new Error(`Not an upload key: ${key}`);
    return new URL(`${config.endpoint}/${config.bucket}/${key}`);
  };
  const send = (method: "GET" | "PUT" | "DELETE", key: string, body?: Uint8Array, contentType?: string) => {
    const url = objectUrl(key);
    const headers = signS3Request(
      {
        method,
        url,
        headers: contentType ? { "content-type": contentType } : {},
        payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH,
        now: new Date(),
      },
      config,
    );
    return fetch(url, { method, headers, body: body ? Buffer.from(body) : undefined });
  };
  return {
    kind: "s3",
    async put(key, body, contentType) {
      const res = await send("PUT", key, body, contentType);
      if (!res.ok) throw new Error(`Object storage refused the upload (${res.status}): ${(await res.text()).slice(0, 200)}`);
    },
    async get(key) {
      const contentType = contentTypeOfKey(key);
      if (!contentType) return null;
      const res = await send("GET", key);
      if (res.status === 404 || res.status === 403) return null;
      if (!res.ok) throw new Error(`Object storage answered ${res.status}`);
      return { body: new Uint8Array(await res.arrayBuffer()), contentType };
    },
    async remove(key) {
      const res = await send("DELETE", key);
      if (!res.ok && res.status !== 404) throw new Error(`Object storage refused the delete (${res.status})`);
    },
    publicUrl: (key) => (config.publicUrl ? `${config.publicUrl}/${key}` : `/uploads/${key}`),
  };
}
