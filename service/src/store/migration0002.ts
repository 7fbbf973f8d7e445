import type { Kysely, Migration } from "kysely";
import type { Dialect } from "./openDatabase";

/**
 * Tables for recommendations and trained models (issue 7). Each migration lives in its own file so parallel work
 * never edits the same one; once released it is append-only like the rest.
 */
export function migration0002(_dialect: Dialect): Migration {
  return {
    async up(_db: Kysely<unknown>) {},
  };
}
