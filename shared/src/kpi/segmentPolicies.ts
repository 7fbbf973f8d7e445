import { DomainError } from "../errors";
import { PolicyTable, type ResolvedPolicy } from "../segmentation/policyTable";

export interface SegmentPolicy {
  policy: ResolvedPolicy | null;
  /** why there is no policy: none stored, an invalid table, no row or two equally specific rows */
  error: string | null;
}

/**
 * The policy of each segment from the current policy table (version 0: none
 * stored). A table that does not validate, or a segment no row settles, is
 * reported per segment rather than failing the whole report.
 *
 * @example segmentPolicies({ version: 0, rows: [] })("AX"); // { policy: null, error: "no policy table is stored" }
 */
export function segmentPolicies(policies: { version: number; rows: unknown[] }): (segment: string) => SegmentPolicy {
  let table: PolicyTable | null = null;
  let tableError = "no policy table is stored";
  if (policies.version > 0) {
    try {
      table = new PolicyTable(policies.rows);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      tableError = error.message;
    }
  }
  return (segment) => {
    if (!table) return { policy: null, error: tableError };
    try {
      return { policy: table.resolve(segment), error: null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { policy: null, error: error.message };
    }
  };
}
