import type { HoldoutForecast } from "./holdoutForecasts";
import { pooledWape } from "./pooledWape";
import { rankDrivers, type RankedDriver } from "./rankDrivers";

/**
 * A segment's pooled forecast WAPE over its entities' hold-out forecasts, and
 * the entities ranked by absolute error Σ|y − ŷ|; null when no entity has a
 * forecast.
 *
 * @example segmentWape(["P1"], new Map([["P1", { actual: [10, 20], forecast: [12, 18] }]])).wape; // 4 / 30
 */
export function segmentWape(entities: readonly string[], forecasts: ReadonlyMap<string, HoldoutForecast>): { wape: number | null; drivers: { entities: RankedDriver[] } } {
  const series = entities.flatMap((id) => {
    const f = forecasts.get(id);
    return f ? [{ id, ...f }] : [];
  });
  return {
    wape: series.length ? pooledWape(series) : null,
    drivers: { entities: rankDrivers(series.map((f) => ({ id: f.id, value: f.actual.reduce((s, a, t) => s + Math.abs(a - f.forecast[t]), 0) }))) },
  };
}
