import { rmSync } from "node:fs";

/**
 * The run's throwaway database, its owner and secrets files, EDI folders, build and URL file go with it. The
 * server may still be stopping while this runs (PostgreSQL writing its last files), so a folder that
 * will not go is retried, then left with a warning: the next run's server command clears it first,
 * and a tidy-up must never turn a green run red.
 */
export default function teardown() {
  const urlFile = process.env.E2E_URL_FILE;
  if (!urlFile) return;
  const base = urlFile.replace(/\.url$/, "");
  for (const target of [base, `${base}.owner`, `${base}.secrets.json`, `${base}-edi`, `${base}-build`, urlFile]) {
    try {
      rmSync(target, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (error) {
      console.warn(`e2e teardown: left ${target} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
