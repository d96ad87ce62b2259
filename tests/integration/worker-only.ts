/** A worker-only app process (no HTTP), for cache-purge-processes.test.ts: the job worker against DATABASE_URL. */
import { startWorker } from "~/worker.server";

const worker = await startWorker(process.env.DATABASE_URL!);
process.stdout.write("worker ready\n");
const stop = async () => {
  await worker.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
