/**
 * Password and PIN hashing with node:crypto scrypt: no native dependency, memory-hard, salted.
 *
 * Encoded as `scrypt$N$salt$hash` (salt and hash base64url; r = 8, p = 1) so that the cost can be
 * raised later without breaking stored hashes: `verifySecret` reads N from the string itself.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PREFIX = "scrypt";
const DEFAULT_COST = 2 ** 14; // ~40 ms a hash on one core: slow for guessing, fine for a login.
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Bounds on N accepted from a stored string: a tampered hash cannot make us burn a gigabyte.
const MIN_COST = 2 ** 10;
const MAX_COST = 2 ** 17;

function derive(secret: string, salt: Buffer, cost: number): Promise<Buffer> {
  const options: ScryptOptions = {
    N: cost,
    r: BLOCK_SIZE,
    p: PARALLELISM,
    maxmem: 256 * cost * BLOCK_SIZE, // scrypt needs 128·N·r bytes; leave headroom.
  };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function isPowerOfTwo(n: number) {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** Hashes a password or PIN into `scrypt$N$salt$hash`. `cost` (a power of two) is for tests and future tuning. */
export async function hashSecret(secret: string, options: { cost?: number } = {}): Promise<string> {
  const cost = options.cost ?? DEFAULT_COST;
  if (!isPowerOfTwo(cost) || cost < MIN_COST || cost > MAX_COST)
    throw new Error(`scrypt cost must be a power of two in [${MIN_COST}, ${MAX_COST}]`);
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(secret, salt, cost);
  return [PREFIX, String(cost), salt.toString("base64url"), key.toString("base64url")].join("$");
}

/**
 * True when `secret` matches `hash`. Never throws on a malformed or foreign hash (returns false),
 * and compares in constant time.
 */
export async function verifySecret(secret: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) return false;
  const parts = hash.split("$");
  if (parts.length !== 4 || parts[0] !== PREFIX) return false;
  const cost = Number(parts[1]);
  if (!isPowerOfTwo(cost) || cost < MIN_COST || cost > MAX_COST) return false;
  const salt = Buffer.from(parts[2], "base64url");
  const expected = Buffer.from(parts[3], "base64url");
  if (salt.length === 0 || expected.length !== KEY_LENGTH) return false;
  const actual = await derive(secret, salt, cost);
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification against nothing: call it when the login name is unknown so
 * that response times do not reveal which emails or phones exist.
 */
export async function verifyAgainstNothing(secret: string): Promise<false> {
  dummyHash ??= hashSecret("not-a-real-secret");
  await verifySecret(secret, await dummyHash);
  return false;
}

/** True when a stored hash uses a weaker cost than today's default (rehash it after a good login). */
export function needsRehash(hash: string): boolean {
  const parts = hash.split("$");
  return parts[0] !== PREFIX || Number(parts[1]) < DEFAULT_COST;
}
