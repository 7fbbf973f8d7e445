import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

/** The database or an open transaction: every loader and writer takes either. */
export type Executor = Kysely<Database> | Transaction<Database>;
