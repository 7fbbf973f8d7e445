import type { Kysely } from "kysely";
import type { JobQueue } from "../jobs/jobQueue";
import type { Executor } from "../store/executor";
import type { Dialect } from "../store/openDatabase";
import type { Database } from "../store/schema";
import type { SegmentCache } from "../store/segmentCache";
import type { TaskPool } from "../workers/taskPool";

export type { Executor };

export interface ServiceContext {
  db: Kysely<Database>;
  dialect: Dialect;
  /** injectable for expiry and freeze-window tests */
  now: () => Date;
  /** look-up caches; optional so scripts can run use cases without them */
  segments?: SegmentCache;
  /** worker threads for CPU-heavy work; without one it runs on the calling thread */
  pool?: TaskPool;
  /** long work as jobs; absent in scripts, which run use cases directly */
  jobs?: JobQueue;
}
