/**
 * The planted-drift evaluation of recommendations, through the service's own
 * use cases on a throw-away SQLite store: a company from `driftCompanyBase`
 * is imported with its first `baselineWeeks` of history, segmented (ABC-XYZ
 * on revenue, customer tiers) and approved by a second person; drift is
 * planted on products (ABC up and down, XYZ up and down) and customers (tier
 * up and down) from the week after; the whole history is imported again; a
 * model is trained per dimension; then the rule's and the model's proposals
 * are scored against the planted truth.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { generateRecommendationsSchema, trainModelSchema } from "../../shared/src/api";
import { createRng } from "../../shared/src/random";
import { HOUSE_ACCOUNT, driftCompanyBase, plantedOrderLines, type DriftCompany, type DriftCompanyOptions, type PlantedDrift } from "../../shared/src/ml/plantedDriftCompany";
import { poolDriftScores, scorePlantedDrift, type DriftScore, type PlantedMove, type RaisedMove } from "../../shared/src/ml/scorePlantedDrift";
import type { Actor } from "../../service/src/auth/actor";
import { configSchema } from "../../service/src/config";
import { DEMO_POLICIES } from "../../service/src/demo/loadDemo";
import { startService } from "../../service/src/service";
import { approveChangeRequest, createPolicyChangeRequest } from "../../service/src/useCases/changeRequests";
import type { ServiceContext } from "../../service/src/useCases/context";
import { importRows } from "../../service/src/useCases/imports";
import { assignmentsAt, currentVersion } from "../../service/src/useCases/masterData";
import { trainModel } from "../../service/src/useCases/models";
import { proposeRecommendations } from "../../service/src/useCases/recommendationsGenerate";
import { startSegmentationRun } from "../../service/src/useCases/segmentationRuns";
import type { Proposal } from "../../service/src/useCases/recommendations";

const loader: Actor = { tokenId: "system", subject: "evaluation-loader", name: "evaluation-loader", role: "admin" };
const approver: Actor = { tokenId: "system", subject: "evaluation-approver", name: "evaluation-approver", role: "approver" };

const LADDERS: Record<string, string[]> = { abc: ["A", "B", "C"], xyz: ["X", "Y", "Z"], tier: ["Key", "Core", "Transactional"] };

export interface SeedResult {
  seed: number;
  scores: Record<string, DriftScore>;
  /** the model's calibration as stored with it */
  calibration: Record<string, unknown>;
}

type Row = Record<string, string>;
const text = (rows: Array<Record<string, unknown>>): Row[] => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])));

/** Which planted moves: a fixed number per kind, drawn from the baseline's own classes. */
function plantDrift(company: DriftCompany, products: Map<string, string>, xyz: Map<string, string>, tiers: Map<string, string>, revenue: Map<string, number>, seed: number) {
  const rng = createRng(seed + 13);
  const take = <T>(xs: T[], n: number) => rng.shuffle([...xs]).slice(0, n);
  const byId = new Map(company.products.map((p) => [p.productId, p]));
  const weeklyRevenue = (id: string) => (revenue.get(id) ?? 0) / company.baselineWeeks;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  const of = (cls: string) => [...products].filter(([, c]) => c === cls).map(([id]) => id);
  const medianA = median(of("A").map(weeklyRevenue));
  const medianC = median(of("C").map(weeklyRevenue));
  const drift: PlantedDrift = { products: new Map(), customers: new Map() };
  const planted: PlantedMove[] = [];
  const used = new Set<string>();
  const pick = (ids: string[], n: number, ok: (id: string) => boolean) => {
    const chosen = take(
      ids.filter((id) => !used.has(id) && ok(id)),
      n,
    );
    chosen.forEach((id) => used.add(id));
    return chosen;
  };
  const n = Math.max(3, Math.round(company.products.length / 50));
  for (const id of [...pick(of("C"), n, (id) => byId.get(id)!.kind !== "gappy"), ...pick(of("B"), Math.ceil(n / 2), (id) => byId.get(id)!.kind !== "gappy")]) {
    drift.products.set(id, { level: (medianA / byId.get(id)!.price) * (0.8 + 0.4 * rng.next()) });
    planted.push({ entityId: id, part: "abc", direction: "upgrade" });
  }
  for (const id of pick(of("A"), n, (id) => byId.get(id)!.kind !== "gappy")) {
    drift.products.set(id, { level: (medianC / byId.get(id)!.price) * (0.8 + 0.4 * rng.next()) });
    planted.push({ entityId: id, part: "abc", direction: "downgrade" });
  }
  const ofXyz = (cls: string) => [...xyz].filter(([, c]) => c === cls).map(([id]) => id);
  for (const id of pick(ofXyz("X"), n, (id) => byId.get(id)!.kind === "smooth")) {
    drift.products.set(id, { kind: "lumpy", occurrence: 0.3 });
    planted.push({ entityId: id, part: "xyz", direction: "downgrade" });
  }
  // Smooth demand of a unit or two a week is still Z (a Poisson CoV of 1/√level): only items selling ten or more a week can become X.
  for (const id of pick(ofXyz("Z"), n, (id) => ["erratic", "lumpy", "intermittent"].includes(byId.get(id)!.kind) && byId.get(id)!.level >= 10)) {
    drift.products.set(id, { kind: "smooth", amplitude: 0, occurrence: 1 });
    planted.push({ entityId: id, part: "xyz", direction: "upgrade" });
  }
  const customers = new Map(company.customers.map((c) => [c.customerId, c]));
  const ofTier = (t: string) => [...tiers].filter(([, c]) => c === t).map(([id]) => id);
  const keyRevenue = median(ofTier("Key").map((id) => revenue.get(id) ?? 0));
  const transactionalRevenue = median(ofTier("Transactional").map((id) => revenue.get(id) ?? 0));
  const m = Math.max(2, Math.round(company.customers.length / 25));
  const growers = [...pick(ofTier("Transactional"), m, (id) => (revenue.get(id) ?? 0) > 0), ...pick(ofTier("Core"), Math.ceil(m / 2), () => true)];
  const decliners = pick(ofTier("Key"), m, () => true);
  const target = (id: string, to: number) => customers.get(id)!.weight * (to / Math.max(revenue.get(id) ?? 0, 1)) * (0.8 + 0.4 * rng.next());
  for (const id of growers) {
    drift.customers.set(id, target(id, keyRevenue));
    planted.push({ entityId: id, part: "tier", direction: "upgrade" });
  }
  for (const id of decliners) {
    drift.customers.set(id, target(id, transactionalRevenue));
    planted.push({ entityId: id, part: "tier", direction: "downgrade" });
  }
  return { drift, planted };
}

/** The moves a proposal makes, one per part that changes. */
function movesOf(proposals: readonly Proposal[], current: Map<string, Record<string, unknown>>, parts: readonly string[]): RaisedMove[] {
  const out: RaisedMove[] = [];
  for (const p of proposals) {
    const before = current.get(p.entityId) ?? {};
    for (const part of parts) {
      const from = String(before[part] ?? "");
      const to = String(p.detail[part] ?? from);
      if (from === to || !LADDERS[part].includes(from) || !LADDERS[part].includes(to)) continue;
      out.push({ entityId: p.entityId, part, from, to, direction: LADDERS[part].indexOf(to) < LADDERS[part].indexOf(from) ? "upgrade" : "downgrade", confidence: p.confidence });
    }
  }
  return out;
}

export async function evaluateSeed(options: DriftCompanyOptions, log: (line: string) => void = () => {}): Promise<SeedResult> {
  const company = driftCompanyBase(options);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tierline-evaluation-"));
  const config = configSchema.parse({ PORT: 0, DATABASE_URL: `sqlite:${path.join(dir, "tierline.db")}`, TIERLINE_DEMO: "false", RATE_LIMIT_PER_MINUTE: "0", AUTH_FAILURES_PER_MINUTE: "0" });
  const service = await startService(config, { logger: pino({ level: "silent" }) });
  const ctx: ServiceContext = service.ctx;
  try {
    await importRows(ctx, loader, "suppliers", text([{ supplier_id: "S1", name: "Supplier", lead_time_mean_days: 14, lead_time_sd_days: 3, on_time_rate: 0.9, fill_rate: 0.95, quality_ppm: 500 }]), "suppliers.csv");
    await importRows(
      ctx,
      loader,
      "products",
      text(
        company.products.map((p) => ({
          product_id: p.productId,
          name: `Item ${p.productId}`,
          category: "General",
          unit_price: p.price,
          unit_cost: p.cost,
          supplier_id: "S1",
          lifecycle: "active",
          demand_profile: p.kind,
          seasonal: p.kind === "seasonal",
        })),
      ),
      "products.csv",
    );
    await importRows(
      ctx,
      loader,
      "customers",
      text(company.customers.map((c) => ({ customer_id: c.customerId, name: `Customer ${c.customerId}`, region: "North", channel: "direct", strategic: c.customerId === HOUSE_ACCOUNT }))),
      "customers.csv",
    );
    const baseline = plantedOrderLines(company, undefined, company.baselineWeeks);
    await importRows(ctx, loader, "order_lines", text(baseline as unknown as Array<Record<string, unknown>>), "order_lines.csv");
    for (const run of [
      { method: "abc-xyz", dimension: "product", criterion: "revenue" },
      { method: "customer-tiers", dimension: "customer" },
    ] as const) {
      const result = await startSegmentationRun(ctx, loader, run, "baseline segmentation");
      if (result.changeRequest) await approveChangeRequest(ctx, approver, result.changeRequest.id, "baseline", await currentVersion(ctx.db, run.dimension));
    }
    const policies = await createPolicyChangeRequest(ctx, loader, DEMO_POLICIES, "evaluation policy table");
    await approveChangeRequest(ctx, approver, policies.id, "evaluation policy table", 0);
    const current = {
      product: new Map((await assignmentsAt(ctx.db, "product", await currentVersion(ctx.db, "product"))).map((a) => [a.entityId, a.detail as Record<string, unknown>])),
      customer: new Map((await assignmentsAt(ctx.db, "customer", await currentVersion(ctx.db, "customer"))).map((a) => [a.entityId, a.detail as Record<string, unknown>])),
    };
    const revenue = new Map<string, number>();
    for (const l of baseline) {
      revenue.set(l.product_id, (revenue.get(l.product_id) ?? 0) + l.qty * l.price);
      revenue.set(l.customer_id, (revenue.get(l.customer_id) ?? 0) + l.qty * l.price);
    }
    const classOf = (dimension: "product" | "customer", part: string) => new Map([...current[dimension]].map(([id, d]) => [id, String(d[part] ?? "")]));
    const { drift, planted } = plantDrift(company, classOf("product", "abc"), classOf("product", "xyz"), classOf("customer", "tier"), revenue, company.seed);
    await importRows(ctx, loader, "order_lines", text(plantedOrderLines(company, drift) as unknown as Array<Record<string, unknown>>), "order_lines.csv");
    log(`seed ${company.seed}: ${company.products.length} products, ${company.customers.length} customers, ${company.weeks} weeks (baseline ${company.baselineWeeks}); planted ${planted.length} moves`);

    const kinds = new Map<string, string>([...company.products.map((p) => [p.productId, p.kind] as const), ...company.customers.map((c) => [c.customerId, `${c.kind} customer`] as const)]);
    const describe = (id: string) => {
      const d = current.product.get(id) ?? current.customer.get(id) ?? {};
      const segment = "tier" in d ? String(d.tier) : `${String(d.abc)}${String(d.xyz)}`;
      const product = company.products.find((p) => p.productId === id);
      const customer = company.customers.find((c) => c.customerId === id);
      const change = drift.products.get(id);
      const factor = change?.level && product ? change.level / product.level : drift.customers.has(id) && customer ? drift.customers.get(id)! / customer.weight : null;
      const planted = change || drift.customers.has(id) ? ` (drift planted${factor ? `: level × ${factor.toFixed(2)}` : change?.kind ? `: now ${change.kind}` : ""})` : "";
      return `${kinds.get(id)} ${segment}${planted}`;
    };
    // A level shift legitimately moves the whole-history CoV: an ABC-planted product's XYZ move is neither hit nor false alarm.
    const ignore = new Set(planted.filter((p) => p.part === "abc").map((p) => `${p.entityId}\u0000xyz`));
    const scores: Record<string, DriftScore> = {};
    const calibration: Record<string, unknown> = {};
    for (const dimension of ["product", "customer"] as const) {
      const parts = dimension === "product" ? ["abc", "xyz"] : ["tier"];
      const model = await trainModel(ctx, loader, trainModelSchema.parse({ dimension, seed: company.seed }));
      calibration[dimension] = (model.evaluation as Record<string, unknown>).calibration ?? null;
      for (const source of ["rule", "model"] as const) {
        const { runs } = await proposeRecommendations(ctx, generateRecommendationsSchema.parse({ dimension, source }), async () => {});
        const raised = movesOf(runs[source]!.proposals, current[dimension], parts);
        for (const part of source === "model" ? (dimension === "product" ? ["abc"] : ["tier"]) : parts) {
          scores[`${source}.${part}`] = scorePlantedDrift(planted, raised, { parts: [part], ignore, describe });
        }
      }
    }
    return { seed: company.seed, scores, calibration };
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pooled over seeds: per source and part, and per source and dimension (products = ABC and XYZ together). */
export function poolResults(results: readonly SeedResult[]): Record<string, DriftScore> {
  const keys = [...new Set(results.flatMap((r) => Object.keys(r.scores)))].sort();
  const pooled: Record<string, DriftScore> = {};
  for (const key of keys) pooled[key] = poolDriftScores(results.map((r) => r.scores[key]).filter(Boolean));
  for (const source of ["rule", "model"]) {
    const product = keys.filter((k) => k.startsWith(`${source}.`) && (k.endsWith(".abc") || k.endsWith(".xyz")));
    pooled[`${source}.products`] = poolDriftScores(results.flatMap((r) => product.map((k) => r.scores[k]).filter(Boolean)));
    pooled[`${source}.customers`] = poolDriftScores(results.map((r) => r.scores[`${source}.tier`]).filter(Boolean));
  }
  return pooled;
}
