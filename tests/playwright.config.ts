import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// A port of its own, so the suite runs beside `npm start` or another checkout's suite.
process.env.E2E_PORT ??= String(20000 + Math.floor(Math.random() * 20000));
const port = Number(process.env.E2E_PORT);
/** Specs that sell on the flagship's register: its shift is shared, so they never run at the same time. */
const REGISTER_SPECS = [/pos-[\w-]+\.spec\.ts$/, /giftcards\.spec\.ts$/];
/**
 * Debian's chromium-headless-shell (the same Blink without the browser's UI) when it is installed:
 * it spends about 40% less CPU than the full browser on the same specs. Else Debian's chromium.
 */
function chromiumPath() {
  return existsSync("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium";
}
export const e2eDataDir = path.join(root, ".data", `e2e-${port}`);
process.env.E2E_URL_FILE ??= path.join(root, ".data", `e2e-${port}.url`);

export default defineConfig({
  testDir: "./e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  // Per run, so suites running side by side never delete each other's traces.
  outputDir: `./.output/${port}`,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A failed test keeps its trace: every action with the page's DOM before and after. Without the
    // screencast's frames, which cost the browser and the runner a sixth of the suite's CPU.
    trace: { mode: "retain-on-failure", screenshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  // The flagship has one register and one open shift: the specs that ring sales on it (and the one that closes
  // the shift) take turns in a project of their own, while the rest of the suite runs on the other worker.
  projects: [
    { name: "chromium", testIgnore: REGISTER_SPECS, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "register", testMatch: REGISTER_SPECS, workers: 1, use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: `rm -rf ${e2eDataDir} ${e2eDataDir}-build ${e2eDataDir}-edi && node --import tsx app/start.ts`,
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      SOKO_DATA_DIR: e2eDataDir,
      SOKO_PG_FAST: "true",
      // A build of its own: never half-written by another run's rebuild.
      SOKO_BUILD_DIR: path.join(`${e2eDataDir}-build`),
      SOKO_URL_FILE: process.env.E2E_URL_FILE,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DEMO_MODE: "true",
    },
  },
});
