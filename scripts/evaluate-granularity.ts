/**
 * Item-level vs family (top-down) forecasting on the demo company, out of
 * sample: for each ABC-XYZ segment (ABC by revenue, XYZ by the CoV of weekly
 * demand, as the demo's abc-xyz run assigns them), the segment's products are
 * forecast item by item, and top-down: per category (the family) the products
 * of that category in the segment are summed, the sum forecast with the same
 * automatic selection, and split by historical proportions (Gross & Sohl 1990,
 * methods A and F). Rolling origin: each of the last `--origins` 13-week
 * blocks is forecast from the weeks before it. Errors are item-level: WAPE
 * pooled over the segment's items and weeks, and the mean of the items' MASE
 * (MAE over the in-sample naive MAE of the weeks before the origin, Hyndman &
 * Koehler 2006). The family-level WAPE (family sums) is shown beside them.
 *
 *   npx tsx scripts/evaluate-granularity.ts [--products N] [--origins K] [--seed S]
 */
import { generateDemoCompany } from "../shared/src/demo";
import { demandByProduct, naiveScale, selectForecastModel, topDownForecast, type ProportionMethod } from "../shared/src/forecasting";
import { PolicyTable, classifyAbc, classifyXyz } from "../shared/src/segmentation";
import { DEMO_POLICIES } from "../service/src/demo/loadDemo";

function argument(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

const HORIZON = 13;
const origins = argument("--origins") ?? 4;
const seed = argument("--seed");

// The demo company `npm start` loads, unless told otherwise.
const company = generateDemoCompany({ products: argument("--products") ?? 2000, ...(seed === undefined ? {} : { seed }) });
const weeks = company.settings.weeks;
const { demand, revenue } = demandByProduct(company);
const ids = company.products.map((p) => p.productId);
const abc = classifyAbc(Array.from(revenue), { ids });
const xyz = classifyXyz(
  demand.map((d) => Array.from(d)),
  { ids, noDemandLabel: "N" },
);
const segmentOf = ids.map((_, i) => `${abc.items[i].class}${xyz.items[i].class}`);

type Approach = "item" | "item policy" | `family ${ProportionMethod}`;
const APPROACHES: Approach[] = ["item", "item policy", "family A", "family F"];
// The demo policy table names a method for some segments (SBA for the Z segments): item level as the demo runs it.
const policies = new PolicyTable(DEMO_POLICIES);
const policyMethod = (segment: string) => (policies.match(segment) ? policies.resolve(segment).policy.forecastMethod : "auto");
interface Tally {
  absError: number;
  absActual: number;
  mase: number[];
  familyError: number;
  familyActual: number;
}
const tallies = new Map<string, Map<Approach, Tally>>();
const tally = (segment: string, approach: Approach) => {
  let bySegment = tallies.get(segment);
  if (!bySegment) tallies.set(segment, (bySegment = new Map()));
  let t = bySegment.get(approach);
  if (!t) bySegment.set(approach, (t = { absError: 0, absActual: 0, mase: [], familyError: 0, familyActual: 0 }));
  return t;
};

const start = process.hrtime.bigint();
const segments = [...new Set(segmentOf)].sort();
for (let k = origins; k >= 1; k--) {
  const origin = weeks - k * HORIZON;
  if (origin < 26) throw new Error(`--origins ${origins} leaves ${origin} weeks before the first origin: at most ${Math.floor((weeks - 26) / HORIZON)}`);
  const itemForecast = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    itemForecast.set(i, selectForecastModel(demand[i].subarray(0, origin), { horizon: HORIZON }).model.forecast);
  }
  for (const segment of segments) {
    const members = ids.flatMap((_, i) => (segmentOf[i] === segment ? [i] : []));
    const method = policyMethod(segment);
    const policyForecast = method === "auto" ? itemForecast : new Map(members.map((i) => [i, selectForecastModel(demand[i].subarray(0, origin), { horizon: HORIZON, policyMethod: method }).model.forecast]));
    const families = new Map<string, number[]>();
    for (const i of members) {
      const family = company.products[i].category;
      if (!families.has(family)) families.set(family, []);
      families.get(family)!.push(i);
    }
    const forecasts = new Map<Approach, Map<number, number[]>>([
      ["item", itemForecast],
      ["item policy", policyForecast],
    ]);
    for (const method of ["A", "F"] as const) {
      const out = new Map<number, number[]>();
      for (const family of families.values()) {
        const td = topDownForecast(new Map(family.map((i) => [String(i), demand[i].subarray(0, origin)])), { horizon: HORIZON, method });
        for (const [id, item] of td.items) out.set(Number(id), item.forecast);
      }
      forecasts.set(`family ${method}`, out);
    }
    for (const approach of APPROACHES) {
      const t = tally(segment, approach);
      const f = forecasts.get(approach)!;
      for (const i of members) {
        let absError = 0;
        for (let h = 0; h < HORIZON; h++) {
          const actual = demand[i][origin + h];
          absError += Math.abs(actual - f.get(i)![h]);
          t.absActual += actual;
        }
        t.absError += absError;
        const scale = naiveScale(demand[i].subarray(0, origin), 1);
        if (scale > 0) t.mase.push(absError / HORIZON / scale);
      }
      for (const family of families.values()) {
        for (let h = 0; h < HORIZON; h++) {
          let actual = 0;
          let forecast = 0;
          for (const i of family) {
            actual += demand[i][origin + h];
            forecast += f.get(i)![h];
          }
          t.familyError += Math.abs(actual - forecast);
          t.familyActual += actual;
        }
      }
    }
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
console.log(
  `Demo company (seed ${company.settings.seed}): ${ids.length} products × ${weeks} weeks, ${new Set(company.products.map((p) => p.category)).size} categories; ${origins} rolling origins, ${HORIZON} weeks ahead from each (weeks ${weeks - origins * HORIZON + 1}–${weeks} held out); ${seconds.toFixed(1)} s\n`,
);
console.log("Item-level error (pooled WAPE over items × weeks; mean item MASE), and family-level WAPE, per segment and approach:");
console.log("Approaches: item = each product by automatic selection; item policy = each product by the demo policy's method (SBA for *Z);");
console.log("family A / F = top-down within the category, Gross & Sohl (1990) method A (average of historical proportions) / F (proportion of historical averages).\n");
console.log("segment  items  families  policy | item: WAPE   MASE  famWAPE | item policy: WAPE MASE famWAPE | family A: WAPE   MASE  famWAPE | family F: WAPE   MASE  famWAPE");
const groups: Record<string, string[]> = { "low-volume intermittent (CZ, BZ)": [], others: [] };
for (const segment of segments) {
  const members = ids.filter((_, i) => segmentOf[i] === segment).length;
  const familyCount = new Set(company.products.filter((_, i) => segmentOf[i] === segment).map((p) => p.category)).size;
  const cells = APPROACHES.map((a) => {
    const t = tallies.get(segment)!.get(a)!;
    return `${pct(t.absError / t.absActual).padStart(7)} ${mean(t.mase).toFixed(2).padStart(6)} ${pct(t.familyError / t.familyActual).padStart(7)}`;
  });
  console.log(`${segment.padEnd(7)} ${String(members).padStart(6)} ${String(familyCount).padStart(9)} ${policyMethod(segment).padStart(7)} |    ${cells.join(" |        ")}`);
  (segment === "CZ" || segment === "BZ" ? groups["low-volume intermittent (CZ, BZ)"] : groups.others).push(segment);
}
console.log("\nPooled over segment groups (each segment top-down within its own families):");
for (const [group, members] of Object.entries(groups)) {
  const cells = APPROACHES.map((a) => {
    const ts = members.map((s) => tallies.get(s)!.get(a)!);
    const wape = ts.reduce((s, t) => s + t.absError, 0) / ts.reduce((s, t) => s + t.absActual, 0);
    const mase = mean(ts.flatMap((t) => t.mase));
    return `${a}: WAPE ${pct(wape)}, MASE ${mase.toFixed(3)}`;
  });
  console.log(`${group} [${members.join(", ")}]: ${cells.join(" · ")}`);
}
