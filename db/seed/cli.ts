/**
 * `npm run db:seed [-- --scale N] [-- --force]`: seeds the demo into DATABASE_URL.
 * Without --force it only seeds an empty database; with --force it empties the app's tables first
 * (in the same transaction, so a failed seed leaves the old data in place).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDb } from "../client";
import { seedDemo, seedIfEmpty } from "./index";
import { createProgressReporter } from "./progress";

export function parseSeedArgs(argv: string[]): { scale: number; force: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { scale: { type: "string", default: "1" }, force: { type: "boolean", default: false } },
    strict: true,
  });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000)
    throw new Error(`--scale must be a whole number from 1 to 1000, got "${values.scale}"`);
  return { scale, force: values.force ?? false };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. (`npm start` seeds its embedded database by itself.)");
    process.exit(2);
  }
  let args: { scale: number; force: boolean };
  try {
    args = parseSeedArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error("usage: tsx db/seed/cli.ts [--scale N] [--force]");
    process.exit(2);
  }

  if (!args.force) {
    const result = await seedIfEmpty(url, { progress: true, scale: args.scale });
    if (!result.seeded) console.log("The database already has products: nothing to do. Use --force to replace everything with the demo.");
    return;
  }

  const { db, sql } = createDb(url, { max: 1 });
  const reporter = createProgressReporter(true);
  try {
    const summary = await db.transaction(async (tx) => {
      const tables = await tx.execute<{ name: string }>(
        "select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename",
      );
      if (tables.length) await tx.execute(`truncate table ${tables.map((t) => t.name).join(", ")} restart identity cascade`);
      return seedDemo(tx, { scale: args.scale, onProgress: reporter.update });
    });
    reporter.stop();
    console.log(
      `Replaced all data with the demo in ${summary.ms} ms: ${summary.products} products, ${summary.artisans} artisans, ${summary.retailers} retailers.`,
    );
  } finally {
    reporter.stop();
    await sql.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
