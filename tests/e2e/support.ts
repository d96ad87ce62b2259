import { readFileSync } from "node:fs";
import postgres from "postgres";

/** A connection to the database of the server under test (for arranging and checking state). */
export function e2eSql() {
  const url = readFileSync(process.env.E2E_URL_FILE!, "utf8").trim();
  return postgres(url, { max: 2, onnotice: () => {} });
}
