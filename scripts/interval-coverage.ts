/**
 * Out-of-sample coverage of the forecast prediction intervals on the demo company (issue 22): each product's
 * weekly demand, the model selected on all but the last 13 weeks as forecastDemoCompany does, its 80 % and 95 %
 * intervals (shared predictionIntervals), and the share of the held-out weeks inside them, per interval basis.
 *
 *   npx tsx scripts/interval-coverage.ts [--products N] [--holdout WEEKS]
 */
import { generateDemoCompany } from "../shared/src/demo";
import { DomainError } from "../shared/src/errors";
import { predictionIntervals, selectForecastModel } from "../shared/src/forecasting";

function argument(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : undefined;
}

const company = generateDemoCompany({ products: argument("--products") ?? 2000 });
const holdout = argument("--holdout") ?? 13;
const weeks = company.settings.weeks;
const index = new Map(company.products.map((p, i) => [p.productId, i]));
const demand = company.products.map(() => new Float64Array(weeks));
for (const line of company.orderLines) {
  const p = index.get(line.productId);
  if (p !== undefined) demand[p][line.week - 1] += line.quantity;
}
type Tally = { items: number; points: number; in80: number; in95: number; first: number; first80: number; first95: number };
const tallies = new Map<string, Tally>();
let unmeasured = 0;
for (const series of demand) {
  const training = series.subarray(0, weeks - holdout);
  const selection = selectForecastModel(training, { horizon: holdout, holdout: Math.min(13, holdout) });
  let p;
  try {
    p = predictionIntervals(training, selection.model);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    unmeasured++;
    continue;
  }
  const key = `${p.basis} (${selection.method})`;
  const t = tallies.get(key) ?? { items: 0, points: 0, in80: 0, in95: 0, first: 0, first80: 0, first95: 0 };
  t.items++;
  for (let h = 0; h < holdout; h++) {
    const a = series[weeks - holdout + h];
    const in80 = a >= p.lower80[h] && a <= p.upper80[h] ? 1 : 0;
    const in95 = a >= p.lower95[h] && a <= p.upper95[h] ? 1 : 0;
    t.points++;
    t.in80 += in80;
    t.in95 += in95;
    if (h < 4) {
      t.first++;
      t.first80 += in80;
      t.first95 += in95;
    }
  }
  tallies.set(key, t);
}
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1).padStart(5)}%`;
console.log(`${demand.length} products × ${weeks} weeks, the last ${holdout} held out${unmeasured ? `; ${unmeasured} without a measurable spread` : ""}\n`);
console.log("basis (method)                     items   80% h1-4  95% h1-4   80% all   95% all");
const all: Tally = { items: 0, points: 0, in80: 0, in95: 0, first: 0, first80: 0, first95: 0 };
for (const [key, t] of [...tallies].sort()) {
  console.log(`${key.padEnd(34)} ${String(t.items).padStart(5)}   ${pct(t.first80, t.first)}    ${pct(t.first95, t.first)}    ${pct(t.in80, t.points)}    ${pct(t.in95, t.points)}`);
  for (const k of Object.keys(all) as Array<keyof Tally>) all[k] += t[k];
}
console.log(`${"all".padEnd(34)} ${String(all.items).padStart(5)}   ${pct(all.first80, all.first)}    ${pct(all.first95, all.first)}    ${pct(all.in80, all.points)}    ${pct(all.in95, all.points)}`);
