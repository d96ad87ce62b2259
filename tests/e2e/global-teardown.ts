import { rmSync } from "node:fs";

/** The run's throwaway database, its secrets file (demo mode), build and URL file go with it. */
export default function teardown() {
  const urlFile = process.env.E2E_URL_FILE;
  if (!urlFile) return;
  const base = urlFile.replace(/\.url$/, "");
  for (const target of [base, `${base}.secrets.json`, `${base}-build`, urlFile]) rmSync(target, { recursive: true, force: true });
}
