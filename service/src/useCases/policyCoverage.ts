import { DomainError } from "../../../shared/src/errors";
import { PolicyTable } from "../../../shared/src/segmentation";
import { unprocessable } from "../appError";
import type { Executor } from "./context";
import { currentPolicies } from "./policies";

/** The dimensions whose segments the service resolves policies for (KPI report, recommendation impact). */
const POLICY_DIMENSIONS: ReadonlySet<string> = new Set(["product", "customer"]);

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * A check against the current policy table: the segments among those given
 * that it does not settle (no row, even after a hybrid key's fallback, or two
 * equally specific rows), sorted. Always empty when no table is stored yet
 * or the dimension has no policies. Read once, asked per request.
 */
export async function policyCoverage(db: Executor, dimension: string): Promise<(segments: Iterable<string>) => string[]> {
  if (!POLICY_DIMENSIONS.has(dimension)) return () => [];
  const policies = await currentPolicies(db);
  if (policies.version === 0 || policies.rows.length === 0) return () => [];
  const table = new PolicyTable(policies.rows);
  return (segments) => {
    const uncovered: string[] = [];
    for (const segment of new Set(segments)) {
      try {
        if (!table.match(segment)) uncovered.push(segment);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        uncovered.push(segment);
      }
    }
    return uncovered.sort();
  };
}

export async function uncoveredSegments(db: Executor, dimension: string, segments: Iterable<string>): Promise<string[]> {
  return (await policyCoverage(db, dimension))(segments);
}

/** A planner's next step: the trailing part of the first key is what a row most often names (`Fasteners|CX` → CX). */
export function uncoveredSentence(keys: readonly string[]): string {
  const shown = keys.slice(0, 20).join(", ") + (keys.length > 20 ? `, and ${(keys.length - 20).toLocaleString("en-US")} more` : "");
  const example = keys[0].split("|").at(-1);
  return `${keys.length.toLocaleString("en-US")} proposed ${plural(keys.length, "segment has", "segments have")} no policy row: ${shown}. Add ${plural(keys.length, "a row", "rows")} (for example for ${example}) to the policy table first.`;
}

/** 422 at creation: the request would put entities in segments no policy serves. */
export async function assertPoliciesCover(db: Executor, dimension: string, segments: Iterable<string>): Promise<void> {
  const keys = await uncoveredSegments(db, dimension, segments);
  if (keys.length) throw unprocessable(`changes: ${uncoveredSentence(keys)}`, [{ field: "changes", message: `no policy row covers ${keys.join(", ")}` }]);
}

/** Why an approval is refused because the policy table no longer covers these keys, or null. */
export function uncoveredReason(keys: readonly string[]): string | null {
  if (keys.length === 0) return null;
  return `the current policy table does not cover ${keys.length === 1 ? "the proposed segment" : `${keys.length.toLocaleString("en-US")} proposed segments`} ${keys.join(", ")}: add ${plural(keys.length, "a row", "rows")} to the policy table, or reject the request.`;
}
