import { DomainError } from "../../../shared/src/errors";
import { PolicyTable } from "../../../shared/src/segmentation";
import { unprocessable } from "../appError";
import type { Executor } from "./context";
import { segmentCountsAt } from "../store/assignments";
import { currentVersion } from "../store/versions";
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
  return coverageBy(new PolicyTable(policies.rows));
}

function coverageBy(table: PolicyTable): (segments: Iterable<string>) => string[] {
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

/**
 * The segments of today's master data (both dimensions) that a proposed
 * policy table would leave without a row, with how many entities sit in
 * each: a table that drops `CZ` while 140 products are CZ would leave them
 * with no service level.
 */
export async function segmentsLeftUncovered(db: Executor, rows: unknown[]): Promise<Array<{ dimension: string; segment: string; entities: number }>> {
  const uncovered = coverageBy(new PolicyTable(rows));
  const out: Array<{ dimension: string; segment: string; entities: number }> = [];
  for (const dimension of POLICY_DIMENSIONS) {
    const counts = await segmentCountsAt(db, dimension, await currentVersion(db, dimension));
    const missing = new Set(uncovered(counts.map((c) => c.segment)));
    for (const c of counts) if (missing.has(c.segment)) out.push({ dimension, ...c });
  }
  return out;
}

/** A planner's words for what a proposed table leaves uncovered. */
export function leftUncoveredSentence(left: ReadonlyArray<{ dimension: string; segment: string; entities: number }>): string {
  const shown = left
    .slice(0, 20)
    .map((l) => `${l.segment} (${l.entities.toLocaleString("en-US")} ${l.dimension}${l.entities === 1 ? "" : "s"})`)
    .join(", ");
  const more = left.length > 20 ? `, and ${(left.length - 20).toLocaleString("en-US")} more` : "";
  return `the proposed table leaves ${left.length.toLocaleString("en-US")} current ${plural(left.length, "segment", "segments")} without a policy row: ${shown}${more}. Keep a row that covers ${plural(left.length, "it", "them")} (a catch-all such as * does).`;
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
