import type { SourcingItem, SourcingQuery, SourcingReport } from "../../../shared/src/api/suppliers";
import { sourcingRules, type SourcingLine, type SourcingPolicy } from "../../../shared/src/suppliers";
import { notFound } from "../appError";
import { supplierTermsOn } from "../store/supplierTerms";
import type { Executor } from "./context";
import { REVENUE_WEEKS, supplierScorecards, supplierSegmentRevenue } from "./supplierScorecards";
import { supplierSettings } from "./supplierSettings";
import type { SupplierSettings } from "../../../shared/src/api";

/**
 * How much a segment's stock-out hurts, by its ABC letter (A: the key range).
 * Other segment names, and products without a segment, sit in the middle.
 */
export function criticalityOf(segment: string): number {
  const letter = segment.charAt(0).toUpperCase();
  return letter === "A" ? 0.9 : letter === "B" ? 0.6 : letter === "C" ? 0.3 : 0.5;
}

/** Without history a supplier's risk is unknown: treated as even odds, and said so. */
const UNKNOWN_RISK = 0.5;

/** Approval limits by risk and spend, first match decides (the shared rules' "first" hit policy). */
const APPROVAL_RULES = [
  { segment: "*", minSupplyRisk: 0.5, minAnnualSpend: 0, approvalLimit: 10_000, approver: "head of procurement" },
  { segment: "*", minSupplyRisk: 0, minAnnualSpend: 100_000, approvalLimit: 50_000, approver: "category manager" },
  { segment: "*", minSupplyRisk: 0, minAnnualSpend: 0, approvalLimit: 25_000, approver: "buyer" },
];
/** The shared rules' policy from the stored settings (GET /suppliers/settings), the approval limits staying as above. */
function policyOf({ sourcing: t }: SupplierSettings) {
  return {
    riskThreshold: t.riskThreshold,
    impactThreshold: t.impactThreshold,
    dualSourcingExposure: t.dualSourcingExposure,
    bufferExposure: t.bufferExposure,
    approvalRules: APPROVAL_RULES,
    development: { maxScore: t.developmentMaxScore, minHighImpactShare: t.developmentMinHighImpactShare },
  } satisfies SourcingPolicy;
}
type Policy = ReturnType<typeof policyOf>;

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
const money = (x: number) => Math.round(x).toLocaleString("en-US");
const days = (x: number) => `${x.toFixed(1)} d`;

/**
 * Sourcing recommendations per product from the shared sourcing rules over
 * the stored data: annual spend from the last year of orders at the
 * product's unit cost (annualised when the history is shorter), supply risk
 * from the supplier's history (late share + lead-time coefficient of
 * variation, capped at 1), ABC/XYZ from a two-letter product segment, the
 * supplier's score from its scorecard over the whole history. Each product
 * has one supplier in the master data, so it is single-sourced.
 */
export async function supplierSourcing(db: Executor, query: SourcingQuery, today: string): Promise<SourcingReport> {
  const cards = await supplierScorecards(db, {}, today);
  const policy = policyOf(await supplierSettings(db));
  const { products, sales, segmentOf } = await supplierSegmentRevenue(db);
  const terms = await supplierTermsOn(db, today);
  const cardOf = new Map(cards.suppliers.map((c) => [c.supplierId, c]));
  const supplierName = new Map([...cards.suppliers.map((c) => [c.supplierId, c.name] as const), ...cards.unscored.map((u) => [u.supplierId, u.name] as const)]);
  const weeksCovered = sales ? sales.toWeek - sales.fromWeek + 1 : 0;
  const annualise = weeksCovered > 0 ? REVENUE_WEEKS / weeksCovered : 0;

  const rows = products
    .filter((p) => typeof p.attributes.supplier_id === "string")
    .map((p) => {
      const supplier = String(p.attributes.supplier_id);
      const card = cardOf.get(supplier);
      const units = (sales?.products.get(p.id)?.units ?? 0) * annualise;
      const unitCost = typeof p.attributes.unit_cost === "number" ? p.attributes.unit_cost : 0;
      const segment = segmentOf.get(p.id) ?? "unsegmented";
      const cv = card && card.leadTimeMeanDays && card.leadTimeMeanDays > 0 ? (card.leadTimeSdDays ?? 0) / card.leadTimeMeanDays : null;
      const supplyRisk = card && card.onTimeRate !== null && cv !== null ? Math.min(1, 1 - card.onTimeRate + cv) : UNKNOWN_RISK;
      const abcxyz = /^([ABC])([XYZ])$/.exec(segment);
      const line: SourcingLine = {
        item: p.id,
        supplier,
        segment,
        annualSpend: units * unitCost,
        annualVolume: units,
        supplyRisk,
        qualifiedSuppliers: 1,
        ...(abcxyz ? { abcClass: abcxyz[1] as "A" | "B" | "C", xyzClass: abcxyz[2] as "X" | "Y" | "Z" } : {}),
        ...(card ? { supplierScore: card.score } : {}),
      };
      return { product: p, line, card, cv };
    });
  if (query.product !== undefined && !rows.some((r) => r.product.id === query.product)) throw notFound(`product "${query.product}" does not exist or has no supplier`);
  if (rows.length === 0) return { total: 0, items: [], developmentShortlist: [], assumptions: assumptions([], policy) };

  const segments = [...new Set(rows.map((r) => r.line.segment))].sort().map((segment) => ({ segment, criticality: criticalityOf(segment) }));
  const plan = sourcingRules(
    rows.map((r) => r.line),
    segments,
    policy,
  );
  const items: SourcingItem[] = plan.lines.map((d, i) => {
    const { product, line, card, cv } = rows[i];
    const t = terms.get(d.supplier);
    const riskWhy = card && cv !== null ? `supply risk = late share ${pct(1 - (card.onTimeRate ?? 0))} + lead-time CV ${cv.toFixed(2)}` : `no performance history for ${d.supplier}: supply risk taken as ${UNKNOWN_RISK}`;
    const exposureWhy = `exposure ${d.exposure.toFixed(2)} = supply risk ${line.supplyRisk.toFixed(2)} × criticality ${d.criticality} (segment ${d.segment})`;
    const leadWhy = card?.leadTimeMeanDays != null && t ? `; lead time ${days(card.leadTimeMeanDays)} vs contracted ${days(t.contractedLeadTimeDays)}` : "";
    return {
      productId: product.id,
      productName: product.name,
      supplierId: d.supplier,
      supplierName: supplierName.get(d.supplier) ?? d.supplier,
      segment: d.segment,
      annualUnits: line.annualVolume ?? 0,
      annualSpend: line.annualSpend,
      supplyRisk: line.supplyRisk,
      criticality: d.criticality,
      exposure: d.exposure,
      quadrant: d.quadrant,
      buyer: d.buyer,
      dualSourcing: d.dualSourcing,
      strategicBuffer: d.strategicBuffer,
      vmi: d.vmi,
      approvalLimit: d.approvalLimit,
      approver: d.approver,
      leadTimeMeanDays: card?.leadTimeMeanDays ?? null,
      leadTimeSdDays: card?.leadTimeSdDays ?? null,
      contractedLeadTimeDays: t?.contractedLeadTimeDays ?? null,
      moq: t?.moq ?? null,
      supplierScore: card?.score ?? null,
      recommendations: [
        { kind: "dualSourcing", recommended: d.dualSourcing, reason: `single-sourced; ${exposureWhy} ${d.dualSourcing ? "≥" : "<"} ${policy.dualSourcingExposure} (${riskWhy})` },
        { kind: "strategicBuffer", recommended: d.strategicBuffer, reason: `exposure ${d.exposure.toFixed(2)} ${d.strategicBuffer ? "≥" : "<"} ${policy.bufferExposure}${leadWhy}` },
        {
          kind: "vmi",
          recommended: d.vmi,
          reason: abcLabel(line) ? `class ${abcLabel(line)}${d.vmi ? " has high, stable demand (AX, BX)" : " is not AX or BX"}` : `segment ${d.segment} has no ABC-XYZ class`,
        },
        {
          kind: "buyer",
          recommended: true,
          reason: `${d.quadrant} item (criticality ${d.criticality} ${d.criticality >= policy.impactThreshold ? "≥" : "<"} ${policy.impactThreshold}, supply risk ${line.supplyRisk.toFixed(2)} ${line.supplyRisk >= policy.riskThreshold ? "≥" : "<"} ${policy.riskThreshold}): ${d.buyer} buyer`,
        },
        {
          kind: "approvalLimit",
          recommended: d.approvalLimit !== null,
          reason: d.approvalRule === null ? "no approval rule matches" : `rule ${d.approvalRule + 1}: ${approvalWhy(d.approvalRule, line)} → POs above ${money(d.approvalLimit ?? 0)} need the ${d.approver}`,
        },
      ],
    };
  });
  const filtered = query.product === undefined ? items : items.filter((it) => it.productId === query.product);
  return {
    total: filtered.length,
    items: filtered.slice(query.offset, query.offset + query.limit),
    developmentShortlist: plan.developmentShortlist.map((c) => ({
      supplierId: c.supplier,
      name: supplierName.get(c.supplier) ?? c.supplier,
      score: c.score,
      spend: c.spend,
      highImpactSpend: c.highImpactSpend,
      highImpactShare: c.highImpactShare,
      reason: `score ${c.score.toFixed(0)} < ${policy.development.maxScore} with ${pct(c.highImpactShare)} of its spend in high-impact segments`,
    })),
    assumptions: assumptions(segments, policy),
  };
}

function abcLabel(line: SourcingLine): string | null {
  return line.abcClass && line.xyzClass ? `${line.abcClass}${line.xyzClass}` : null;
}

function approvalWhy(rule: number, line: SourcingLine): string {
  const r = APPROVAL_RULES[rule];
  if (r.minSupplyRisk > 0) return `supply risk ${line.supplyRisk.toFixed(2)} ≥ ${r.minSupplyRisk}`;
  if (r.minAnnualSpend > 0) return `annual spend ${money(line.annualSpend)} ≥ ${money(r.minAnnualSpend)}`;
  return "every other line";
}

function assumptions(criticality: Array<{ segment: string; criticality: number }>, policy: Policy): SourcingReport["assumptions"] {
  return {
    criticality,
    riskThreshold: policy.riskThreshold,
    impactThreshold: policy.impactThreshold,
    dualSourcingExposure: policy.dualSourcingExposure,
    bufferExposure: policy.bufferExposure,
    approvalRules: APPROVAL_RULES.map(({ segment: _segment, ...r }) => r),
  };
}
