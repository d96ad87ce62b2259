import { run, type Runner, type TaskList } from "graphile-worker";
import { quietLogger } from "#db/migrate";
import { sendEmailTask } from "~/modules/notifications/send-email.server";
import { orderPlacedTask } from "~/modules/orders/jobs.server";

/** Every background task, by name. Modules add theirs here. */
export const taskList: TaskList = {
  send_email: sendEmailTask,
  order_placed: orderPlacedTask,
};

export async function startWorker(connectionString: string, concurrency = 4): Promise<Runner> {
  return run({ connectionString, taskList, concurrency, logger: quietLogger, noHandleSignals: true, pollInterval: 1000 });
}
