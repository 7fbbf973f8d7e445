import type { PushPullQuery, PushPullReport } from "../../../../shared/src/api/stockRisk";
import { effectiveSupplyMode, pushPull } from "../../../../shared/src/inventory";
import type { Executor } from "../context";
import { policyAndLeadTime, productContext } from "./productContext";
import { meanAndSd, pageOf, weeklyDemand } from "./weeklyDemand";

/**
 * Push or pull per product: P the supplier's mean lead time, D the segment
 * policy's promised lead time, the demand CoV the weekly units' sd / mean
 * over the history. The policy's supply mode stands where it is push or
 * pull; where it says derive, the push/pull rule decides (effectiveSupplyMode).
 */
export async function pushPullModes(db: Executor, query: PushPullQuery): Promise<PushPullReport> {
  const [ctx, demand] = await Promise.all([productContext(db), weeklyDemand(db)]);
  const rows: Array<{ id: string; name: string; segment: string; policyMode: "push" | "pull" | "derive"; leadTime: number; tolerated: number; cv: number }> = [];
  const skipped: PushPullReport["skipped"] = [];
  for (const p of ctx.products) {
    const resolved = policyAndLeadTime(ctx, p, "no segment, so no policy");
    if ("reason" in resolved) {
      skipped.push({ productId: p.id, reason: resolved.reason });
      continue;
    }
    const { segment, policy, lead } = resolved;
    const { mean, sd } = meanAndSd(demand.series(p.id));
    if (!(mean > 0)) {
      skipped.push({ productId: p.id, reason: "no orders in the history: no demand variability to judge by" });
      continue;
    }
    rows.push({ id: p.id, name: p.name, segment, policyMode: policy.supplyMode, leadTime: lead.meanDays, tolerated: policy.promisedLeadTimeDays, cv: sd / mean });
  }
  const decisions = rows.length
    ? pushPull(
        rows.map((r) => ({ id: r.id, demandCv: r.cv, leadTime: r.leadTime, toleratedLeadTime: r.tolerated })),
        { cvCutoff: query.cvCutoff },
      )
    : [];
  const items = decisions.map((d, i) => {
    const r = rows[i];
    const mode = effectiveSupplyMode(r.policyMode, d);
    return {
      productId: r.id,
      productName: r.name,
      segment: r.segment,
      policySupplyMode: r.policyMode,
      supplyMode: mode.supplyMode,
      source: mode.source,
      strategy: d.strategy,
      leadTimeDays: r.leadTime,
      toleratedLeadTimeDays: r.tolerated,
      pdRatio: Number.isFinite(d.pdRatio) ? d.pdRatio : null,
      demandCv: r.cv,
      stockedLeadTimeDays: d.stockedLeadTime,
      reason: mode.reason,
    };
  });
  return {
    total: items.length,
    push: items.filter((it) => it.supplyMode === "push").length,
    pull: items.filter((it) => it.supplyMode === "pull").length,
    derived: items.filter((it) => it.source === "derived").length,
    items: pageOf(items, query),
    skipped,
  };
}
