/**
 * The widened comparison's series (test/fixtures/forecasting/r_widened_holdout.json) scored at several forecast
 * origins, to see how much of a selection rule's margin at the fixture's one origin is luck:
 *
 *   npx tsx scripts/forecast-selection-origins.ts            # origins 0…3 seasons before the fixture's hold-out
 *   npx tsx scripts/forecast-selection-origins.ts --origins 0,1
 *
 * Origin k holds out the season that ends k seasons before the end of the fixture's training data (k = 0 is the
 * fixture's own hold-out, where R's ets() forecasts are known). At every origin the default selection and the
 * hold-out choice alone are compared with our AICc choice (selection "aicc", which measures 1.001 × ets() at k = 0),
 * by mean MASE per group (scaled by the training part's seasonal naive MAE, Hyndman & Koehler 2006) and by the
 * geometric mean of per-series ratios (Davydenko & Fildes 2013). About a minute of CPU per origin.
 */
import { forecastAccuracy, selectForecastModel, type SelectionOptions } from "../shared/src/forecasting";
import reference from "../test/fixtures/forecasting/r_widened_holdout.json";

interface Case {
  name: string;
  group: string;
  frequency: number;
  h: number;
  train: number[];
  test: number[];
  ets_forecast: number[];
}

const argument = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const origins = (argument("--origins") ?? "0,1,2,3").split(",").map(Number);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const rules: Record<string, SelectionOptions["selection"] | undefined> = { default: undefined, holdout: "holdout", aicc: "aicc" };

for (const k of origins) {
  const rows: Array<{ group: string; mase: Record<string, number> }> = [];
  for (const c of reference.cases as Case[]) {
    const n = c.train.length;
    const train = k === 0 ? c.train : c.train.slice(0, n - k * c.h);
    const test = k === 0 ? c.test : c.train.slice(n - k * c.h, n - (k - 1) * c.h);
    if (train.length < 3 * c.frequency) continue;
    const mase: Record<string, number> = {};
    for (const [label, selection] of Object.entries(rules)) {
      const forecast = selectForecastModel(train, { horizon: c.h, seasonLength: c.frequency, ...(selection ? { selection } : {}) }).model.forecast;
      mase[label] = forecastAccuracy(test, forecast, { training: train, seasonLength: c.frequency }).mase!;
    }
    if (k === 0) mase["R ets()"] = forecastAccuracy(test, c.ets_forecast, { training: train, seasonLength: c.frequency }).mase!;
    rows.push({ group: c.group, mase });
  }
  console.log(`origin ${k} (${rows.length} series): mean MASE ÷ our AICc choice's, and the geometric mean of per-series ratios`);
  for (const label of Object.keys(rows[0].mase)) {
    const ratio = (rs: typeof rows) => mean(rs.map((r) => r.mase[label])) / mean(rs.map((r) => r.mase.aicc));
    const groups = [...new Set(rows.map((r) => r.group))].map((g) => `${g} ${ratio(rows.filter((r) => r.group === g)).toFixed(3)}`);
    const geometric = Math.exp(mean(rows.map((r) => Math.log(r.mase[label] / r.mase.aicc))));
    console.log(`  ${label.padEnd(8)} overall ${ratio(rows).toFixed(3)}  ${groups.join("  ")}  geometric ${geometric.toFixed(3)}`);
  }
}
