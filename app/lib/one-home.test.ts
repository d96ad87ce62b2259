/**
 * Rules that used to be written more than once live in one place each (docs/architecture.md, "Where
 * each rule lives"). These checks read the source, so a second copy fails here, naming the file.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const appDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(dir = appDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "patches" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles().map((file) => ({ file: path.relative(appDir, file), text: readFileSync(file, "utf8") }));

/** The files (relative to app/) whose source matches `pattern`, except `allowed`. */
function filesMatching(pattern: RegExp, allowed: string[] = []) {
  return files.filter(({ file, text }) => pattern.test(text) && !allowed.includes(file)).map(({ file }) => file);
}

describe("one home for each rule", () => {
  it("flash messages: only ~/lib/flash.server sets or reads them (and the session module it uses)", () => {
    expect(filesMatching(/\.flash\(\s*["']flash["']|\.get\(\s*["']flash["']\)/, ["lib/flash.server.ts", "lib/session.server.ts"])).toEqual(
      [],
    );
    expect(filesMatching(/commitSession\(/, ["lib/flash.server.ts", "lib/session.server.ts"])).toEqual([]);
  });

  it("money typed by people: only ~/lib/money parses it", () => {
    expect(filesMatching(/function parse(MoneyInput|Kes)\b/, ["lib/money.ts"])).toEqual([]);
  });

  it("CSV cells: only ~/lib/csv quotes them", () => {
    expect(filesMatching(/function csvCell\b/, ["lib/csv.ts"])).toEqual([]);
  });

  it("Kenyan phone numbers: only ~/lib/phone parses them", () => {
    expect(filesMatching(/function (normalizeKenyanPhone|toMsisdn|nationalDigits)\b/, ["lib/phone.ts"])).toEqual([]);
    expect(filesMatching(/\(\?:\\\+\?254|\\\+254\\d\{9\}/, ["lib/phone.ts"])).toEqual([]);
  });

  it("refusals: modules throw a Refusal, never an HTTP Response (only the request guards do), and one class is the refusal", () => {
    // requireStaff, requirePosStaff and requireOrderAccess take the Request and answer it (a redirect
    // to sign in, a 403, a 404): they are the routes' guards, kept beside the rules they check.
    const guards = ["domain/accounts/staff.server.ts", "domain/pos/staff.server.ts", "domain/orders/access.server.ts"];
    expect(
      filesMatching(/throw new Response\(|=> new Response\("Not found"/, guards).filter((file) => file.startsWith("modules/")),
    ).toEqual([]);
    expect(filesMatching(/class \w*Refus\w* extends Error\b/, ["lib/refusal.ts"])).toEqual([]);
    expect(filesMatching(/async function transaction<|db\.transaction\(work\)/, ["lib/transaction.server.ts"])).toEqual([]);
  });

  it("the ops role policy: /ops routes and the nav read OPS_ACCESS, never roles of their own", () => {
    const opsRoutes = (found: string[]) => found.filter((file) => /^routes\/ops(\.|$)/.test(file));
    expect(opsRoutes(filesMatching(/requireStaff\(|hasRole\(|\b[A-Z_]*ROLES\s*=|roles: \[/))).toEqual([]);
    expect(filesMatching(/DASHBOARD_ROLES|OPS_SECTIONS\s*[:=]/, ["domain/accounts/ops-access.ts"])).toEqual([]);
  });

  it("settings: read through env() or envNow() (~/lib/env.server), never process.env past it", () => {
    // start.ts and server.ts bootstrap the process (they set DATABASE_URL, DEMO_MODE… before env() first runs).
    expect(filesMatching(/process\.env\b/, ["lib/env.server.ts", "start.ts", "server.ts"])).toEqual([]);
  });

  it("shipping an order: only orders/shipping-rules lists the carriers and checks tracking numbers", () => {
    expect(filesMatching(/"Posta Kenya"|"DHL Express"/, ["domain/orders/shipping-rules.ts"])).toEqual([]);
  });

  it("time zones: Nairobi's and the flagship's clocks are named once, in lib/time", () => {
    expect(filesMatching(/"Africa\/Nairobi"|"America\/Los_Angeles"/, ["lib/time.ts"])).toEqual([]);
  });

  it("ops times: the console shows an instant on the factory's clock (formatOpsTime), never a UTC day cut from its ISO text", () => {
    // "2026-11-24" cut from 2026-11-24T21:45Z is the 25th in Nairobi: the packing list, retailers and
    // invoices showed orders placed after midnight on the day before. A calendar date column (YYYY-MM-DD) needs no cut.
    const ops = files.filter(({ file }) => /^(features\/ops\/|routes\/ops[.$])/.test(file));
    expect(ops.filter(({ text }) => /\.slice\(0, 10\)/.test(text)).map(({ file }) => file)).toEqual([
      "features/ops/orders/export.server.ts",
    ]);
  });

  it("wholesale times: the portal shows an instant in the buyer's own zone (LocalTime), never a UTC day cut from its ISO text", () => {
    // An order a buyer in California placed at 8 pm read as placed tomorrow. The line sheet's file name is a day stamp, not a moment shown.
    const portal = files.filter(({ file }) => /^(features\/wholesale\/|routes\/wholesale[.$])/.test(file));
    expect(portal.filter(({ text }) => /toISOString\(\)\.slice\(0, 10\)/.test(text)).map(({ file }) => file)).toEqual([
      "routes/wholesale.line-sheet[.]pdf.ts",
    ]);
  });
});
