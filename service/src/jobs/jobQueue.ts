import type { Job, JobStatus } from "../../../shared/src/api/jobs";
import type { Actor } from "../auth/actor";

/** What a handler gets besides its params. */
export interface JobContext {
  /**
   * Record a step. Throws once the job is cancelled (here or by another
   * instance), so a handler that awaits it between steps stops there; call
   * it before a write phase, never inside one.
   */
  progress(done: number, total: number, label: string): Promise<void>;
  /** aborted when the job is cancelled or the service stops */
  signal: AbortSignal;
  /** who started the job: the work is done on their behalf */
  actor: Actor;
  /** the job's own id (a job that starts others records whose they are) */
  id: string;
}

export type JobHandler<P = never, R = unknown> = (params: P, job: JobContext) => Promise<R>;

export interface JobKindDefinition {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind's params are its route's validated body
  handler: JobHandler<any>;
  /** running it again after a failed attempt does no harm (PostgreSQL back end retries it) */
  retryable?: boolean;
  /**
   * It starts other jobs and waits for them: the in-process runner runs it
   * beside its workers rather than in a worker slot, which would hold the
   * slot its children need.
   */
  coordinator?: boolean;
  /** jobs of this kind one process works on at once (pg-boss workers); 1 by default */
  concurrency?: number;
}

export interface JobListFilter {
  status?: JobStatus;
  kind?: string;
  limit: number;
  offset: number;
}

/**
 * Long work with an id, progress, cancel, result and audit. Two back ends
 * answer alike: an in-process runner (SQLite) and pg-boss (PostgreSQL); the
 * jobs table is the record both write and the API reads.
 */
export interface JobQueue {
  /** the process's name in `instance` */
  readonly instance: string;
  register(kind: string, definition: JobKindDefinition): Promise<void>;
  start(kind: string, params: unknown, actor: Actor): Promise<Job>;
  cancel(id: string, actor: Actor): Promise<Job>;
  get(id: string): Promise<Job>;
  list(filter: JobListFilter): Promise<{ jobs: Job[]; total: number; limit: number; offset: number }>;
  /** stop taking work; running handlers are aborted and recorded as failed */
  close(): Promise<void>;
}

/** The reason a handler's signal carries when its job was cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super("the job was cancelled");
    this.name = "JobCancelled";
  }
}

export const STOPPED_WHILE_RUNNING = "the service stopped while it ran";

/** The reason a handler's signal carries when the service stops under it. */
export class ServiceStopping extends Error {
  constructor() {
    super(STOPPED_WHILE_RUNNING);
    this.name = "ServiceStopping";
  }
}
