import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Two projects in one run. Unit tests (beside their code in app/ and db/) need no database and share
 * one module graph per worker: a fresh process and a fresh database for each of 130-odd small files
 * cost ten times their tests. Tests that touch PostgreSQL live in tests/integration, each file in a
 * process of its own with its own database cloned from the migrated template.
 */
export default defineConfig({
  root,
  resolve: {
    alias: {
      "~": path.join(root, "app"),
      "#db": path.join(root, "db"),
      "#emails": path.join(root, "emails"),
    },
  },
  test: {
    pool: "forks",
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts"],
          setupFiles: ["tests/setup/unit-env.ts"],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/database-per-file.ts"],
        },
      },
    ],
  },
});
