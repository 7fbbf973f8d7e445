import { DomainError } from "../../errors";
import { admissibleEtsModels, type EtsSpec } from "./etsModel";
import { fitEts, type EtsFit } from "./fitEts";

export interface EtsSelection {
  /** the model with the lowest AICc */
  best: EtsFit;
  /** every admissible model that could be fitted, by AICc ascending */
  fits: EtsFit[];
  /** the forecast used: the best model's, or with `combine` > 1 the equal-weight mean of the best `combine` by AICc */
  forecast: number[];
}

/**
 * Automatic ETS as R's ets() (forecast 8.20, `ets(y)` with its defaults;
 * Hyndman et al. 2008 §7.2): fit every admissible model
 * ({@link admissibleEtsModels}: multiplicative errors and seasons only for
 * strictly positive data, seasons only with a season length of 2…24 and two
 * full seasons) by maximum likelihood and keep the lowest AICc. With
 * `combine` = k > 1 the forecast is the mean of the k best models' (an
 * equal-weight combination, which the M4 competition found often more
 * accurate than any one selection: Makridakis, Spiliotis & Assimakopoulos
 * 2020, IJF 36(1): 54–74).
 *
 * @throws DomainError naming `history` when no model can be fitted.
 */
export function selectEts(y: Float64Array, options: { seasonLength?: number; horizon: number; combine?: number; models?: EtsSpec[] }): EtsSelection {
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t] > 0)) positive = false;
  const specs = options.models ?? admissibleEtsModels({ positive, seasonLength: options.seasonLength, n: y.length });
  const fits: EtsFit[] = [];
  for (const spec of specs) {
    try {
      const fit = fitEts(y, spec, options.seasonLength, options.horizon);
      if (Number.isFinite(fit.aicc)) fits.push(fit);
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw error;
    }
  }
  if (fits.length === 0) throw new DomainError("history", `no exponential-smoothing model can be fitted to ${y.length} periods`, "out_of_range");
  fits.sort((a, b) => a.aicc - b.aicc);
  const k = Math.max(1, Math.min(options.combine ?? 1, fits.length));
  const forecast = new Array<number>(options.horizon).fill(0);
  for (let i = 0; i < k; i++) for (let h = 0; h < options.horizon; h++) forecast[h] += fits[i].forecast[h] / k;
  return { best: fits[0], fits, forecast };
}
