import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { mustBe, numberSchema } from "../validation";

const share = numberSchema({ min: 0, max: 1 });
const money = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));
const id = z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]);

/** One item bought from one supplier. */
export const sourcingLineSchema = z.object({
  item: id,
  supplier: id,
  segment: z.string().trim().min(1, "a segment may not be blank"),
  annualSpend: money,
  annualVolume: money.default(0),
  /** probability-like supply risk score, 0 (none) – 1 (severe): disruption, capacity, geography, sole technology */
  supplyRisk: share,
  /** suppliers qualified for the item (1 = single-sourced) */
  qualifiedSuppliers: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(1),
  abcClass: z.enum(["A", "B", "C"]).optional(),
  xyzClass: z.enum(["X", "Y", "Z"]).optional(),
  /** the supplier's scorecard score, 0–100 */
  supplierScore: numberSchema({ min: 0, max: 100 }).optional(),
});
export type SourcingLine = z.input<typeof sourcingLineSchema>;

/** How much a segment matters to the business: 0 (commodity) – 1 (a stock-out stops sales of the key range). */
export const segmentCriticalitySchema = z.object({ segment: z.string().trim().min(1, "a segment may not be blank"), criticality: share });
export type SegmentCriticality = z.input<typeof segmentCriticalitySchema>;

export const KRALJIC_QUADRANTS = ["strategic", "leverage", "bottleneck", "non-critical"] as const;
export type KraljicQuadrant = (typeof KRALJIC_QUADRANTS)[number];

const approvalRuleSchema = z
  .object({
    /** a segment, or "*" for any */
    segment: z.string().trim().min(1, "a segment may not be blank").default("*"),
    minSupplyRisk: share.default(0),
    maxSupplyRisk: share.default(1),
    minAnnualSpend: money.default(0),
    /** purchase orders above this value need the approver below */
    approvalLimit: money,
    approver: z.string().trim().min(1, "an approver may not be blank"),
  })
  .refine((r) => r.minSupplyRisk <= r.maxSupplyRisk, { message: "minSupplyRisk must not exceed maxSupplyRisk", path: ["maxSupplyRisk"] });

export const sourcingPolicySchema = z.object({
  /** supply risk at or above this is "high" on the Kraljic matrix */
  riskThreshold: share.default(0.5),
  /** segment criticality at or above this is "high profit impact" */
  impactThreshold: share.default(0.5),
  /** exposure = supply risk × criticality; a single-sourced line at or above this is a dual-sourcing candidate */
  dualSourcingExposure: share.default(0.3),
  /** exposure at or above this calls for a strategic buffer stock (whatever the number of suppliers) */
  bufferExposure: share.default(0.2),
  vmi: z
    .object({
      abcClasses: z.array(z.enum(["A", "B", "C"])).default(["A", "B"]),
      xyzClasses: z.array(z.enum(["X", "Y", "Z"])).default(["X"]),
      minAnnualVolume: money.default(0),
    })
    .default({ abcClasses: ["A", "B"], xyzClasses: ["X"], minAnnualVolume: 0 }),
  /** the buyer each quadrant is given */
  buyers: z.record(z.enum(KRALJIC_QUADRANTS), z.enum(["strategic", "transactional"])).default({ strategic: "strategic", bottleneck: "strategic", leverage: "transactional", "non-critical": "transactional" }),
  /** first row that matches decides; a line no row matches gets no limit (null) */
  approvalRules: z.array(approvalRuleSchema).default([]),
  development: z
    .object({
      /** scores below this are weak */
      maxScore: numberSchema({ min: 0, max: 100 }).default(60),
      /** share of the supplier's spend that must lie in high-impact segments */
      minHighImpactShare: share.default(0.5),
    })
    .default({ maxScore: 60, minHighImpactShare: 0.5 }),
});
export type SourcingPolicy = z.input<typeof sourcingPolicySchema>;

export interface SourcingDecision {
  item: string;
  supplier: string;
  segment: string;
  criticality: number;
  /** supply risk × criticality */
  exposure: number;
  quadrant: KraljicQuadrant;
  buyer: "strategic" | "transactional";
  dualSourcing: boolean;
  strategicBuffer: boolean;
  vmi: boolean;
  /** PO value above which `approver` must sign; null when no approval rule matches */
  approvalLimit: number | null;
  approver: string | null;
  /** the approval rule (0-based) that decided, or null */
  approvalRule: number | null;
}

export interface DevelopmentCandidate {
  supplier: string;
  score: number;
  spend: number;
  highImpactSpend: number;
  highImpactShare: number;
}

export interface SourcingPlan {
  /** in input order */
  lines: SourcingDecision[];
  /** weak suppliers of high-impact segments, most high-impact spend first */
  developmentShortlist: DevelopmentCandidate[];
}

/**
 * Sourcing rules by segment, from one configurable policy table:
 *
 * - **Kraljic quadrant** from profit impact (the segment's criticality) and
 *   supply risk, each split at a threshold: strategic (high, high), leverage
 *   (high impact, low risk), bottleneck (low impact, high risk), non-critical
 *   (Kraljic, "Purchasing must become supply management", Harvard Business
 *   Review 61(5), 1983); the **buyer** follows the quadrant (strategic and
 *   bottleneck items to strategic buyers by default).
 * - **Dual sourcing** when a single-sourced line's exposure = supply risk ×
 *   criticality reaches a threshold, a **strategic buffer** at a (lower)
 *   exposure whatever the sourcing: the mitigation strategies of Tomlin, "On
 *   the value of mitigation and contingency strategies for managing supply
 *   chain disruption risks", Management Science 52(5), 2006.
 * - **VMI** for the classes with high, stable demand (AX, BX by default) and
 *   enough volume: where vendor-managed inventory pays (Waller, Johnson &
 *   Davis, "Vendor-managed inventory in the retail supply chain", Journal of
 *   Business Logistics 20(1), 1999).
 * - **Purchase-approval limit**: the first approval rule matching segment,
 *   risk band and annual spend (a decision table with the "first" hit policy).
 * - **Supplier-development shortlist**: suppliers with a weak score whose
 *   spend lies mostly in high-impact segments (Krause, Handfield & Scannell,
 *   "An empirical investigation of supplier development", Journal of
 *   Operations Management 17(1), 1998).
 *
 * @throws DomainError naming `lines[i].field`, `segments[k].field`, `policy.field`, a duplicate item × supplier, a segment without criticality, or a supplier scored differently on two lines
 */
export function sourcingRules(lines: ReadonlyArray<SourcingLine>, segments: ReadonlyArray<SegmentCriticality>, policy: SourcingPolicy = {}): SourcingPlan {
  const rows = parseWith(z.array(sourcingLineSchema).min(1, "give at least one sourcing line"), lines, "lines");
  const seg = parseWith(z.array(segmentCriticalitySchema).min(1, "give the criticality of at least one segment"), segments, "segments");
  const p = parseWith(sourcingPolicySchema, policy, "policy");
  const criticalityOf = new Map<string, number>();
  seg.forEach((s, k) => {
    if (criticalityOf.has(s.segment)) throw new DomainError(`segments[${k}].segment`, `duplicate segment "${s.segment}"`);
    criticalityOf.set(s.segment, s.criticality);
  });
  const seen = new Map<string, number>();
  const scoreOf = new Map<string, { score: number; row: number }>();
  const decisions = rows.map((r, i): SourcingDecision => {
    const item = String(r.item).trim();
    const supplier = String(r.supplier).trim();
    const key = `${item}|${supplier}`;
    if (seen.has(key)) throw new DomainError(`lines[${i}]`, `duplicate item × supplier "${key}" (also at lines[${seen.get(key)}])`);
    seen.set(key, i);
    const criticality = criticalityOf.get(r.segment);
    if (criticality === undefined) throw new DomainError(`lines[${i}].segment`, `"${r.segment}" has no criticality in segments`, "missing");
    if (r.supplierScore !== undefined) {
      const known = scoreOf.get(supplier);
      if (known && known.score !== r.supplierScore) {
        throw new DomainError(`lines[${i}].supplierScore`, `${r.supplierScore} differs from ${known.score} given for supplier "${supplier}" at lines[${known.row}]`);
      }
      scoreOf.set(supplier, { score: r.supplierScore, row: i });
    }
    const highImpact = criticality >= p.impactThreshold;
    const highRisk = r.supplyRisk >= p.riskThreshold;
    const quadrant: KraljicQuadrant = highImpact ? (highRisk ? "strategic" : "leverage") : highRisk ? "bottleneck" : "non-critical";
    const exposure = r.supplyRisk * criticality;
    const approvalRule = p.approvalRules.findIndex((a) => (a.segment === "*" || a.segment === r.segment) && r.supplyRisk >= a.minSupplyRisk && r.supplyRisk <= a.maxSupplyRisk && r.annualSpend >= a.minAnnualSpend);
    return {
      item,
      supplier,
      segment: r.segment,
      criticality,
      exposure,
      quadrant,
      buyer: p.buyers[quadrant],
      dualSourcing: r.qualifiedSuppliers === 1 && exposure >= p.dualSourcingExposure,
      strategicBuffer: exposure >= p.bufferExposure,
      vmi: r.abcClass !== undefined && r.xyzClass !== undefined && p.vmi.abcClasses.includes(r.abcClass) && p.vmi.xyzClasses.includes(r.xyzClass) && r.annualVolume >= p.vmi.minAnnualVolume,
      approvalLimit: approvalRule >= 0 ? p.approvalRules[approvalRule].approvalLimit : null,
      approver: approvalRule >= 0 ? p.approvalRules[approvalRule].approver : null,
      approvalRule: approvalRule >= 0 ? approvalRule : null,
    };
  });

  const spend = new Map<string, { spend: number; high: number }>();
  decisions.forEach((d, i) => {
    const s = spend.get(d.supplier) ?? { spend: 0, high: 0 };
    s.spend += rows[i].annualSpend;
    if (d.criticality >= p.impactThreshold) s.high += rows[i].annualSpend;
    spend.set(d.supplier, s);
  });
  const shortlist: DevelopmentCandidate[] = [];
  for (const [supplier, s] of spend) {
    const score = scoreOf.get(supplier)?.score;
    if (score === undefined || !(s.spend > 0)) continue;
    const highImpactShare = s.high / s.spend;
    if (score < p.development.maxScore && highImpactShare >= p.development.minHighImpactShare) {
      shortlist.push({ supplier, score, spend: s.spend, highImpactSpend: s.high, highImpactShare });
    }
  }
  shortlist.sort((a, b) => b.highImpactSpend - a.highImpactSpend || a.score - b.score);
  return { lines: decisions, developmentShortlist: shortlist };
}
