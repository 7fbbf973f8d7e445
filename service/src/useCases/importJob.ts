import { randomUUID } from "node:crypto";
import type { ImportKind, ImportReport, Job } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import type { JobContext } from "../jobs/jobQueue";
import { dropImportFile, stageImportFile, stagedImportFile } from "../store/importFiles";
import { runOffThread } from "../workers/taskPool";
import type { ServiceContext } from "./context";
import { importRows } from "./imports";

/** What an import job's params hold: the staged file's id, and its kind and name for the job list. */
export interface ImportJobParams {
  fileId: string;
  kind: ImportKind;
  name: string;
  bytes: number;
}

/** Stage the upload and start its job; the file waits in the store, not in the job's params. */
export async function startImportJob(ctx: ServiceContext, actor: Actor, kind: ImportKind, name: string, data: Buffer): Promise<Job> {
  const fileId = randomUUID();
  await stageImportFile(ctx.db, { id: fileId, kind, name, data, createdAt: ctx.now().toISOString() });
  try {
    return await ctx.jobs!.start("importFile", { fileId, kind, name, bytes: data.length } satisfies ImportJobParams, actor);
  } catch (error) {
    await dropImportFile(ctx.db, fileId);
    throw error;
  }
}

/**
 * The job: read the staged file off the request thread, then the same
 * all-or-nothing import as a direct upload. Progress is reported before the
 * write only (the write is one transaction); the staged file goes whatever
 * the outcome, so a refused file is uploaded again once corrected.
 */
export async function runImportJob(ctx: ServiceContext, params: ImportJobParams, job: JobContext): Promise<ImportReport> {
  try {
    await job.progress(0, 3, `reading ${params.name}`);
    const file = await stagedImportFile(ctx.db, params.fileId);
    if (!file) throw new Error(`the uploaded file ${params.name} is no longer staged: upload it again`);
    const rows = await runOffThread(ctx.pool, { kind: "read-tabular", name: file.name, data: file.data });
    await job.progress(1, 3, `checking ${rows.length.toLocaleString("en-US")} rows`);
    return await importRows(ctx, job.actor, params.kind, rows, params.name);
  } finally {
    await dropImportFile(ctx.db, params.fileId);
  }
}
