/** A gift card code's fingerprint: what the database keeps and looks cards up by (docs/decisions/0016). */
import { createHash } from "node:crypto";

export function hashCode(code: string): string {
  return createHash("sha256").update(`soko:gift-card:${code}`).digest("hex");
}
