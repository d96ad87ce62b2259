import { rmSync } from "node:fs";

/** The run's throwaway database, its owner and secrets files, build and URL file go with it. */
export default function teardown() {
  const urlFile = process.env.E2E_URL_FILE;
  if (!urlFile) return;
  const base = urlFile.replace(/\.url$/, "");
  for (const target of [base, `${base}.owner`, `${base}.secrets.json`, `${base}-build`, urlFile])
    rmSync(target, { recursive: true, force: true });
}
