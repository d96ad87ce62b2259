/** Seed progress for people watching: a bar on a terminal, a line per stage in logs and CI. */
import cliProgress from "cli-progress";
import type { SeedProgress } from "./load";

export type ProgressReporter = { update: SeedProgress; stop: () => void };

export function createProgressReporter(enabled: boolean, stream: NodeJS.WriteStream = process.stdout): ProgressReporter {
  if (!enabled) return { update: () => {}, stop: () => {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "Seeding demo data [{bar}] {percentage}% | {stage}", hideCursor: true, stream, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: ({ stage, done, total }) => {
        if (!started) {
          bar.start(total, done, { stage });
          started = true;
        } else bar.update(done, { stage });
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = "";
  return {
    update: ({ stage }) => {
      if (stage === last || stage === "done") return;
      last = stage;
      stream.write(`Seeding demo data: ${stage}…\n`);
    },
    stop: () => {},
  };
}
