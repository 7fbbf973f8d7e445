import type { Logger } from "pino";
import type { ServiceContext } from "../useCases/context";
import type { JobQueue } from "./jobQueue";
import { builtInJobKinds } from "./kinds";
import { LocalJobQueue } from "./localJobQueue";
import { PgBossJobQueue, type PgBossOptions } from "./pgBossJobQueue";

/** The back end the store calls for: pg-boss on PostgreSQL (shared by every instance), the in-process runner on SQLite. */
export async function openJobQueue(ctx: ServiceContext, databaseUrl: string, logger?: Logger, options: PgBossOptions = {}): Promise<JobQueue> {
  if (ctx.dialect === "postgres") {
    const queue = new PgBossJobQueue(ctx, databaseUrl, logger, options);
    for (const [kind, definition] of Object.entries(builtInJobKinds(ctx))) await queue.register(kind, definition);
    await queue.open();
    return queue;
  }
  const queue = new LocalJobQueue(ctx, logger);
  for (const [kind, definition] of Object.entries(builtInJobKinds(ctx))) await queue.register(kind, definition);
  await queue.open();
  return queue;
}
