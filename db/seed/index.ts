/**
 * Demo data: `seedIfEmpty` is what `npm start` calls on the embedded database; `seedDemo` writes
 * the demo into a database or transaction you already hold (tests, `npm run db:seed`).
 */
import { createDb } from "../client";
import { DEMO_LOGINS } from "./demo";
import { seedDemo, type SeedSummary } from "./load";
import { createProgressReporter } from "./progress";

export { seedDemo, type SeedProgress, type SeedSummary } from "./load";
export { DEMO_LOGINS, DEMO_NOW, demoFingerprint, generateDemoData, type DemoData } from "./demo";

/** Any number will do, as long as every seeding process uses the same one. */
const SEED_LOCK = 73_556_001;

/**
 * Seeds the demo, in one transaction, when the database has no products; does nothing otherwise.
 * An advisory lock makes two processes starting at once seed it exactly once.
 */
export async function seedIfEmpty(
  url: string,
  options: { progress?: boolean; scale?: number } = {},
): Promise<{ seeded: false } | ({ seeded: true } & SeedSummary)> {
  const { db, sql } = createDb(url, { max: 1 });
  const reporter = createProgressReporter(options.progress ?? false);
  try {
    const summary = await db.transaction(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(${SEED_LOCK})`);
      const existing = await tx.execute<{ found: boolean }>("select exists (select 1 from products) as found");
      if (existing[0]?.found) return null;
      return seedDemo(tx, { scale: options.scale, onProgress: reporter.update });
    });
    reporter.stop();
    if (!summary) return { seeded: false };
    if (options.progress) {
      console.log(
        `Seeded demo data in ${summary.ms} ms: ${summary.products} products, ${summary.variants} variants, ` +
          `${summary.artisans} artisans, ${summary.retailers} retailers. Artisan login ${DEMO_LOGINS.artisan.phone}.`,
      );
    }
    return { seeded: true, ...summary };
  } finally {
    reporter.stop();
    await sql.end();
  }
}
