import { DEFAULT_SUPPLIER_SETTINGS, supplierSettingsSchema, type MetricWeights, type SupplierSettings, type SupplierSettingsResponse } from "../../../shared/src/api";
import type { Actor } from "../auth/actor";
import { readSupplierSettingsRow, writeSupplierSettingsRow } from "../store/supplierSettings";
import { appendAudit } from "./audit";
import type { Executor, ServiceContext } from "./context";

/** The settings in force: the stored ones, else the defaults. */
export async function supplierSettings(db: Executor): Promise<SupplierSettingsResponse> {
  const row = await readSupplierSettingsRow(db);
  if (!row) return { ...DEFAULT_SUPPLIER_SETTINGS, updatedBy: null, updatedAt: null };
  return { ...supplierSettingsSchema.parse(row.settings), updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

/** Replace the settings, audited with before and after, in one transaction. */
export async function replaceSupplierSettings(ctx: ServiceContext, actor: Actor, settings: SupplierSettings): Promise<SupplierSettingsResponse> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await supplierSettings(trx);
    await writeSupplierSettingsRow(trx, settings, actor.name, now.toISOString());
    await appendAudit(trx, now, {
      actor: actor.name,
      action: "supplier_settings.replaced",
      entityType: "supplier_settings",
      entityId: "supplier_settings",
      before: { weights: before.weights, sourcing: before.sourcing },
      after: settings,
    });
  });
  return supplierSettings(ctx.db);
}

/**
 * A segment's weights over (on-time, ppm, lead-time mean, lead-time sd), the
 * scorecard's metric order, by its ABC letter, scaled to sum to 1 so a score
 * stays on 0–100 whatever scale the planner typed them in.
 */
export function segmentWeightsFor(segment: string, weights: SupplierSettings["weights"] = DEFAULT_SUPPLIER_SETTINGS.weights): number[] {
  const letter = segment.charAt(0).toUpperCase();
  const w: MetricWeights = letter === "A" || letter === "B" || letter === "C" ? weights[letter] : weights.other;
  const raw = [w.onTime, w.quality, w.leadTime, w.leadTimeVariability];
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / sum);
}
