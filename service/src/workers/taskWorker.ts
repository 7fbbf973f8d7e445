/**
 * A task-pool worker: runs one task at a time (see tasks.ts) and answers with
 * its result or a failure the pool turns back into the error it was.
 */
import { parentPort } from "node:worker_threads";
import { runTask, toFailure, type Task } from "./tasks";

parentPort?.on("message", async (message: { id: number; task: Task }) => {
  try {
    const value = await runTask(message.task);
    parentPort!.postMessage({ id: message.id, ok: true, value });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, ok: false, failure: toFailure(error) });
  }
});
parentPort?.postMessage({ ready: true });
