import { rmSync } from "node:fs";

/** The run's throwaway database, build and URL file go with it. */
export default function teardown() {
  const urlFile = process.env.E2E_URL_FILE;
  if (!urlFile) return;
  const base = urlFile.replace(/\.url$/, "");
  for (const target of [base, `${base}-build`, urlFile]) rmSync(target, { recursive: true, force: true });
}
