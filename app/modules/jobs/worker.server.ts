import { run, type Runner, type TaskList } from "graphile-worker";
import { quietLogger } from "#db/migrate";

/** Every background task, by name. Modules add theirs here. */
export const taskList: TaskList = {};

export async function startWorker(connectionString: string, concurrency = 4): Promise<Runner> {
  return run({ connectionString, taskList, concurrency, logger: quietLogger, noHandleSignals: true, pollInterval: 1000 });
}
