import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { WILDCARD, splitSegmentKey } from "./segmentKey";
import { mustBe, numberSchema } from "../validation";

export const forecastMethodSchema = z.enum(["auto", "ses", "holt", "damped", "hw", "croston", "sba", "sbj", "tsb", "ma", "snaive"]);
export const forecastLevelSchema = z.enum(["item", "family"]);
export const ownerFunctionSchema = z.enum(["supply chain", "sales", "finance"]);
export const demandSignalPolicySchema = z.enum(["shipments", "sell-through"]);

/** What a segment is run with. Probabilities are fractions (0.95 = 95 %). */
export const policyFieldsSchema = z.object({
  cycleServiceLevel: numberSchema({ greaterThan: 0, lessThan: 1 }),
  targetFillRate: numberSchema({ greaterThan: 0, lessThan: 1 }),
  promisedLeadTimeDays: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  reviewPeriodDays: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)),
  forecastMethod: forecastMethodSchema,
  inventoryTurnsTarget: z.number(mustBe.number).finite().gt(0, mustBe.above(0)),
  /** "derive": the push/pull rule (inventory/pushPull) decides per item from its P:D ratio and demand CoV */
  supplyMode: z.enum(["push", "pull", "derive"]),
  ownerFunction: ownerFunctionSchema,
  // Forecast governance (optional): who may override the statistical forecast, by how much,
  // how often the consensus demand review meets, and the segment's forecast-exception thresholds.
  overrideAllowedBy: z.array(z.enum(["demand planner", "sales", "finance", "supply chain"])).optional(),
  maxOverridePct: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).optional(),
  consensusCadence: z.enum(["weekly", "monthly", "quarterly", "none"]).optional(),
  maxWape: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
  maxTrackingSignal: z.number(mustBe.number).finite().gt(0, mustBe.above(0)).optional(),
  // Forecast review with sales (optional): true publishes the segment's statistical forecast to sales to accept or adjust within the override limits above.
  forecastReview: z.boolean("must be true or false").optional(),
  // Customer experience (optional): the least mean NPS (−100…100) and CSAT (0…100) the segment's strategic accounts should hold.
  minNps: z.number(mustBe.number).finite().min(-100, mustBe.atLeast(-100)).max(100, mustBe.atMost(100)).optional(),
  minCsat: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).max(100, mustBe.atMost(100)).optional(),
  // Forecast granularity (optional, default "item"): "family" forecasts the segment's products top-down within their
  // category (the family aggregate over the category's products in family-level segments, split by historical shares).
  forecastLevel: forecastLevelSchema.optional(),
  // Sell-through (optional, read on customer segments): forecast this account's demand from its POS / sell-through feed
  // where the feed covers a week, from shipments elsewhere. Absent = shipments.
  demandSignal: demandSignalPolicySchema.optional(),
});
export type PolicyFields = z.infer<typeof policyFieldsSchema>;
export type PolicyField = keyof PolicyFields;
export const POLICY_FIELDS = Object.keys(policyFieldsSchema.shape) as PolicyField[];

export const policyRowSchema = policyFieldsSchema.extend({
  /** a segment key pattern: parts joined by `|`, `*` matching any text within a part (`Key|A*|*`) */
  segment: z.string().trim().min(1, "a segment pattern may not be blank"),
});
export type PolicyRow = z.infer<typeof policyRowSchema>;

export const policyOverrideSchema = policyFieldsSchema.partial().extend({
  itemId: z.string().trim().min(1),
  /** higher wins when several overrides set the same field of an item */
  priority: z.number(mustBe.number).int(mustBe.wholeNumber).default(0),
  reason: z.string().optional(),
});
export type PolicyOverride = z.input<typeof policyOverrideSchema>;

export const policyTableSchema = z
  .array(policyRowSchema)
  .min(1, "the policy table is empty")
  .superRefine((rows, ctx) => {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const first = seen.get(row.segment);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: [i, "segment"], message: `duplicate pattern "${row.segment}" (also in row ${first})` });
      }
      seen.set(row.segment, i);
    });
  });

interface CompiledPattern {
  row: number;
  pattern: string;
  parts: RegExp[];
  /** [exact parts, literal characters]: compared in order, higher is more specific */
  specificity: [number, number];
}

function compilePart(part: string): RegExp {
  const escaped = part
    .split(WILDCARD)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${escaped}$`);
}

function compile(rows: readonly PolicyRow[]): CompiledPattern[] {
  return rows.map((row, i) => {
    const parts = splitSegmentKey(row.segment);
    return {
      row: i,
      pattern: row.segment,
      parts: parts.map(compilePart),
      specificity: [parts.filter((p) => !p.includes(WILDCARD)).length, parts.join("").replaceAll(WILDCARD, "").length],
    };
  });
}

function moreSpecific(a: CompiledPattern, b: CompiledPattern): number {
  return a.specificity[0] - b.specificity[0] || a.specificity[1] - b.specificity[1];
}

export interface ResolvedPolicy {
  key: string;
  policy: PolicyFields;
  /** the policy-table row (0-based) that matched, and its pattern */
  row: number;
  pattern: string;
  /** fields that came from per-item overrides, with the override's priority */
  overridden: Array<{ field: PolicyField; priority: number; reason?: string }>;
}

/**
 * A service-policy table: segment-key patterns → cycle service level, fill
 * rate, promised lead time, review period, forecast method, turns target,
 * push/pull and owner function. A key gets the most specific matching row:
 * more parts without a wildcard wins, then more literal characters
 * (`Key|AX|North` beats `Key|A*|North` beats `Key|*|North` beats `*|*|*`).
 * A hybrid key no row of its length covers falls back to its trailing parts
 * where the table names them (see `match`).
 * Two rows equally specific that both match a key are a configuration error,
 * reported rather than settled by row order.
 */
export class PolicyTable {
  readonly rows: PolicyRow[];
  private readonly compiled: CompiledPattern[];

  constructor(rows: unknown) {
    this.rows = parseWith(policyTableSchema, rows, "policies");
    this.compiled = compile(this.rows);
  }

  /**
   * The best matching row for a key, or undefined when no row covers it.
   * When no row of the key's own length matches, the key falls back with
   * its leading parts dropped, longest first (`Fasteners|CX` → `CX`;
   * `Key|AX|North` → `AX|North` → `North`), but only onto a row that names
   * something (a literal character): a catch-all such as `*` or `*|*` means
   * "anything of this shape", not "this class", so it never serves a fallback.
   */
  match(key: string): { row: number; pattern: string } | undefined {
    const parts = splitSegmentKey(key);
    for (let drop = 0; drop < parts.length; drop++) {
      const hit = this.bestOf(key, parts.slice(drop), drop > 0);
      if (hit) return { row: hit.row, pattern: hit.pattern };
    }
    return undefined;
  }

  private bestOf(key: string, parts: readonly string[], fallback: boolean): CompiledPattern | undefined {
    let best: CompiledPattern | undefined;
    let tie: CompiledPattern | undefined;
    for (const candidate of this.compiled) {
      if (candidate.parts.length !== parts.length) continue;
      if (fallback && candidate.specificity[1] === 0) continue;
      if (!candidate.parts.every((re, k) => re.test(parts[k]))) continue;
      const order = best ? moreSpecific(candidate, best) : 1;
      if (order > 0) {
        best = candidate;
        tie = undefined;
      } else if (order === 0) {
        tie = candidate;
      }
    }
    if (best && tie) {
      throw new DomainError(`policies[${tie.row}].segment`, `"${tie.pattern}" and "${best.pattern}" (row ${best.row}) match "${key}" equally specifically: make one more specific`);
    }
    return best;
  }

  /**
   * The policy of a segment key, with an item's overrides applied: the
   * highest-priority override that sets a field wins it (ties: the later override).
   * @throws DomainError when no row covers the key.
   */
  resolve(key: string, itemId?: string, overrides: readonly PolicyOverride[] = []): ResolvedPolicy {
    const hit = this.match(key);
    if (!hit) throw new DomainError("segment", `no policy row covers "${key}"`, "missing");
    const { segment: _pattern, ...base } = this.rows[hit.row];
    const policy: PolicyFields = { ...base };
    const overridden: ResolvedPolicy["overridden"] = [];
    if (itemId !== undefined) {
      const parsed = parseWith(z.array(policyOverrideSchema), overrides, "overrides");
      const mine = parsed.filter((o) => o.itemId === itemId).sort((a, b) => a.priority - b.priority);
      for (const o of mine) {
        for (const field of POLICY_FIELDS) {
          if (o[field] === undefined) continue;
          (policy as Record<PolicyField, unknown>)[field] = o[field];
          const previous = overridden.findIndex((x) => x.field === field);
          if (previous >= 0) overridden.splice(previous, 1);
          overridden.push({ field, priority: o.priority, reason: o.reason });
        }
      }
    }
    return { key, policy, row: hit.row, pattern: hit.pattern, overridden };
  }

  /**
   * Every key must be covered; an uncovered one is an error that lists them
   * all, so a planner fixes the table once rather than key by key.
   */
  assertCovers(keys: Iterable<string>): void {
    const uncovered = [...new Set(keys)].filter((k) => !this.match(k)).sort();
    if (uncovered.length > 0) {
      throw new DomainError("policies", `${uncovered.length} segment${uncovered.length === 1 ? " is" : "s are"} not covered by any row: ${uncovered.join(", ")}`, "missing");
    }
  }
}
