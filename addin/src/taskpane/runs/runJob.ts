import type { z } from "zod";
import { jobResultSchemas, type Job, type JobKind, type startJobSchema } from "../../../../shared/src/api";

/** What a job is started with, as typed (the kind's defaults filled in by the service). */
type StartJobInput = z.input<typeof startJobSchema>;
import type { ServiceClient } from "../../api/serviceClient";
import type { Step } from "../ui/useOperation";

/** First poll soon (short jobs end at once), then every 1.5 s at most: a long run costs one light GET per poll. */
const POLL_MS = [250, 500, 1000, 1500];

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Long work on the service as a job: started, then watched until it ends,
 * its progress reported to the pane's operation; Cancel in the pane cancels
 * the job on the service too (the request no longer holds the work). The
 * result is the synchronous route's answer, checked by its schema.
 */
export async function runJob<K extends JobKind>(client: ServiceClient, kind: K, body: Extract<StartJobInput, { kind: K }>["body"], step: Step): Promise<z.output<(typeof jobResultSchemas)[K]>> {
  return watchJob(client, kind, await client.call("startJob", { body: { kind, body } as StartJobInput }, { signal: step.signal }), step);
}

/** A job already started (an import the service took to the background), watched as runJob watches its own. */
export async function watchJob<K extends JobKind>(client: ServiceClient, kind: K, started: Job, step: Step): Promise<z.output<(typeof jobResultSchemas)[K]>> {
  let job = started;
  const cancel = () => void client.call("cancelJob", { params: { id: job.id } }).catch(() => undefined);
  step.signal.addEventListener("abort", cancel, { once: true });
  try {
    for (let poll = 0; job.status === "queued" || job.status === "running"; poll++) {
      step.progress(job.progress?.done ?? 0, job.progress?.total ?? 0, job.status === "queued" ? "Waiting for a free worker on the service" : (job.progress?.label ?? "Running on the service"));
      await sleep(POLL_MS[Math.min(poll, POLL_MS.length - 1)], step.signal);
      job = await client.call("readJob", { params: { id: job.id } }, { signal: step.signal });
    }
  } finally {
    step.signal.removeEventListener("abort", cancel);
  }
  if (job.status === "failed") throw new Error(job.error ?? "the job failed on the service");
  if (job.status === "cancelled") throw new Error("the job was cancelled on the service");
  return jobResultSchemas[kind].parse(job.result) as z.output<(typeof jobResultSchemas)[K]>;
}
