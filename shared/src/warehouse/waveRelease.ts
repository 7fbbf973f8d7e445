import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { checkIds, mustBe, numberSchema } from "../validation";

const minute = numberSchema({ min: 0, max: 1440 });

export const waveSchema = z.object({
  wave: z.string().trim().min(1, "a wave may not be blank"),
  /** release time, minutes after midnight */
  releaseMinute: minute,
});
export type Wave = z.input<typeof waveSchema>;

export const waveRuleSchema = z.object({
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** the waves the segment's orders may join, in any order; omit for every wave (premium) */
  waves: z.array(z.string().trim().min(1, "a wave may not be blank")).min(1, "name at least one wave").optional(),
  /** an order must be in this many minutes before the release to join the wave (the cut-off) */
  cutoffMinutes: z.number(mustBe.number).finite().min(0, mustBe.atLeast(0)).default(0),
});
export type WaveRule = z.input<typeof waveRuleSchema>;

export const releaseOrderSchema = z.object({
  id: z.union([z.string().trim().min(1, "an id may not be blank"), z.number(mustBe.number)]),
  segment: z.string().trim().min(1, "a segment may not be blank"),
  /** minutes after midnight the order drops */
  arrivalMinute: minute,
  lines: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).default(1),
});
export type ReleaseOrder = z.input<typeof releaseOrderSchema>;

export interface ReleasePlan {
  /** in input order; wave null = carried to the next day */
  orders: Array<{ id: string; segment: string; wave: string | null; releaseMinute: number | null; waitMinutes: number | null }>;
  /** in release order */
  waves: Array<{ wave: string; releaseMinute: number; orders: number; lines: number; bySegment: Record<string, number> }>;
  carriedOver: { orders: number; lines: number };
}

/**
 * A day's order-release plan from wave rules by segment: each order joins
 * the earliest wave, among those its segment may use, whose cut-off it
 * meets (arrival ≤ release − cut-off); an order that meets none is carried
 * to the next day. Premium segments list no waves and go out in every wave;
 * a C segment listing only the evening wave is batched into one daily wave.
 * Wave picking and order release (orders released in waves timed to
 * carrier departures, with cut-offs): de Koster, Le-Duc & Roodbergen,
 * "Design and control of warehouse order picking: a literature review",
 * European Journal of Operational Research 182(2), 2007 (batching, zoning
 * and wave picking).
 *
 * @throws DomainError naming `orders[i].field`, `waves[k].field`, `rules[k].field`, a duplicate order id or wave, a rule naming an unknown wave, or an order whose segment has no rule
 */
export function planWaveRelease(orders: ReadonlyArray<ReleaseOrder>, waves: ReadonlyArray<Wave>, rules: ReadonlyArray<WaveRule>): ReleasePlan {
  const ws = parseWith(z.array(waveSchema).min(1, "give at least one wave"), waves, "waves");
  const rs = parseWith(z.array(waveRuleSchema).min(1, "give the rule of at least one segment"), rules, "rules");
  const os = parseWith(z.array(releaseOrderSchema), orders, "orders");
  const waveOf = new Map<string, number>();
  ws.forEach((w, k) => {
    if (waveOf.has(w.wave)) throw new DomainError(`waves[${k}].wave`, `duplicate wave "${w.wave}"`);
    waveOf.set(w.wave, k);
  });
  const byRelease = ws.map((_, k) => k).sort((a, b) => ws[a].releaseMinute - ws[b].releaseMinute || a - b);
  const ruleOf = new Map<string, { allowed: Set<number>; cutoff: number }>();
  rs.forEach((r, k) => {
    if (ruleOf.has(r.segment)) throw new DomainError(`rules[${k}].segment`, `duplicate segment "${r.segment}"`);
    const allowed = new Set<number>();
    (r.waves ?? ws.map((w) => w.wave)).forEach((name, q) => {
      const w = waveOf.get(name);
      if (w === undefined) throw new DomainError(`rules[${k}].waves[${q}]`, `"${name}" is not a wave`, "invalid");
      allowed.add(w);
    });
    ruleOf.set(r.segment, { allowed, cutoff: r.cutoffMinutes });
  });
  const ids = checkIds(
    os.map((o) => String(o.id).trim()),
    os.length,
    "orders.id",
  );
  const plan = byRelease.map((k) => ({ wave: ws[k].wave, releaseMinute: ws[k].releaseMinute, orders: 0, lines: 0, bySegment: {} as Record<string, number> }));
  const slot = new Map(byRelease.map((k, s) => [k, s]));
  const carriedOver = { orders: 0, lines: 0 };
  const out = os.map((o, i) => {
    const rule = ruleOf.get(o.segment);
    if (rule === undefined) throw new DomainError(`orders[${i}].segment`, `"${o.segment}" has no wave rule`, "missing");
    const k = byRelease.find((w) => rule.allowed.has(w) && o.arrivalMinute <= ws[w].releaseMinute - rule.cutoff);
    if (k === undefined) {
      carriedOver.orders++;
      carriedOver.lines += o.lines;
      return { id: ids[i], segment: o.segment, wave: null, releaseMinute: null, waitMinutes: null };
    }
    const p = plan[slot.get(k)!];
    p.orders++;
    p.lines += o.lines;
    p.bySegment[o.segment] = (p.bySegment[o.segment] ?? 0) + 1;
    return { id: ids[i], segment: o.segment, wave: ws[k].wave, releaseMinute: ws[k].releaseMinute, waitMinutes: ws[k].releaseMinute - o.arrivalMinute };
  });
  return { orders: out, waves: plan, carriedOver };
}
