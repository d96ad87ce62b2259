/**
 * A digital card's code kept until its send date: sealed with AES-256-GCM under a key derived from
 * the session secret (the first seals, every one opens, so rotation keeps working), and cleared once
 * the email is queued. The database alone never reveals a code (docs/decisions/0016).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "~/lib/env.server";

function keyFrom(secret: string) {
  return createHash("sha256").update(`soko:gift-card-seal:${secret}`).digest();
}

export function sealCode(code: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(env().SESSION_SECRETS[0]), iv);
  const body = Buffer.concat([cipher.update(code, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function unsealCode(sealed: string): string {
  const raw = Buffer.from(sealed.replace(/^v1\./, ""), "base64url");
  const iv = raw.subarray(0, 12);
  const tag = raw.subarray(12, 28);
  const body = raw.subarray(28);
  for (const secret of env().SESSION_SECRETS) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      // Sealed under another of the secrets: try the next.
    }
  }
  throw new Error("A gift card code could not be unsealed with any session secret.");
}
