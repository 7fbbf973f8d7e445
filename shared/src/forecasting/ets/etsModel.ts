/** Error, trend and season of an ETS model (Hyndman, Koehler, Ord & Snyder 2008, Forecasting with Exponential Smoothing, §2.2 taxonomy). */
export interface EtsSpec {
  error: "A" | "M";
  /** none, additive, additive damped (the multiplicative trends are left out, as R's ets() does by default) */
  trend: "N" | "A" | "Ad";
  season: "N" | "A" | "M";
}

/** The label R prints, e.g. "ETS(M,Ad,M)". */
export function etsLabel(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/**
 * Parameters counted as R's ets() counts them (forecast 8.20, `etsmodel`):
 * the smoothing constants and φ that are estimated, the initial states
 * ℓ₀, b₀ and m − 1 seasonal states (the m-th is fixed by the normalisation),
 * plus one for the error variance σ².
 */
export function etsParameterCount(spec: EtsSpec, m: number): number {
  const trend = spec.trend !== "N";
  const season = spec.season !== "N";
  return 1 + (trend ? 1 : 0) + (season ? 1 : 0) + (spec.trend === "Ad" ? 1 : 0) + 1 + (trend ? 1 : 0) + (season ? m - 1 : 0) + 1;
}

/**
 * The models R's ets() tries by default (forecast 8.20, `ets(model = "ZZZ")`
 * with `restrict = TRUE`, `allow.multiplicative.trend = FALSE`): additive
 * errors never with multiplicative seasons (infinite variances, Hyndman et
 * al. 2008 §15.1), multiplicative errors only for strictly positive data;
 * seasonal models only for a season length of 2…24 (ets() ignores longer
 * seasons) and a history long enough.
 */
export function admissibleEtsModels(options: { positive: boolean; seasonLength?: number; n: number }): EtsSpec[] {
  const { positive, seasonLength, n } = options;
  const seasons: Array<EtsSpec["season"]> = ["N"];
  if (seasonLength !== undefined && seasonLength >= 2 && seasonLength <= 24 && n >= 2 * seasonLength) seasons.push("A", "M");
  const specs: EtsSpec[] = [];
  for (const error of positive ? (["A", "M"] as const) : (["A"] as const)) {
    for (const trend of ["N", "A", "Ad"] as const) {
      for (const season of seasons) {
        if (error === "A" && season === "M") continue;
        const spec = { error, trend, season };
        // ets() fits a model only with more than (its parameter count without σ² and the last seasonal) + 4 observations.
        const rCount = 2 + (trend !== "N" ? 2 : 0) + (season !== "N" ? (seasonLength as number) : 0) + (trend === "Ad" ? 1 : 0);
        if (n <= rCount + 4) continue;
        specs.push(spec);
      }
    }
  }
  return specs;
}
