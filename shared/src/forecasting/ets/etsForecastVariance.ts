import { DomainError } from "../../errors";
import type { EtsFit } from "./fitEts";

/**
 * Forecast-error variances of the linear additive-error ETS models (class 1
 * of Hyndman et al. 2008, Forecasting with Exponential Smoothing, §6.1,
 * Table 6.1): v_h = σ² [1 + Σ_{j=1}^{h−1} c_j²] with
 *   c_j = α + β φ_j + γ d_{j,m},  φ_j = φ + φ² + … + φ^j (= j undamped, 0 without trend),
 * d_{j,m} = 1 when j is a multiple of m (else 0, and always 0 without a season).
 * σ² is the fit's residual variance (R's ets() `sigma2`). Returns v_1 … v_horizon;
 * a prediction interval is ŷ ± z √v_h under Gaussian errors.
 *
 * @throws DomainError naming `model` for a multiplicative-error or multiplicative-season model (class 2/3: no closed form here).
 */
export function etsForecastVariance(fit: EtsFit, horizon: number): number[] {
  if (fit.spec.error !== "A" || fit.spec.season === "M") {
    throw new DomainError("model", `${fit.label} is not a linear additive-error model (class 1); its forecast variance has no closed form here`, "invalid");
  }
  return linearEtsVariance({ alpha: fit.alpha, beta: fit.beta, gamma: fit.spec.season !== "N" ? fit.gamma : 0, phi: fit.phi, seasonLength: fit.seasonLength }, fit.sigma2, horizon);
}

/** Smoothing constants in the error-correction form of Hyndman et al. 2008 (β = αβ* of Holt's form; γ 0 and any seasonLength without a season, φ 1 undamped, β 0 without a trend). */
export interface LinearEtsParameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  seasonLength: number;
}

/** The class-1 variances v_1 … v_horizon of {@link etsForecastVariance} from the constants and σ² alone (the classical SES, Holt, damped and additive Holt-Winters fits are these models' point forecasts). */
export function linearEtsVariance(p: LinearEtsParameters, sigma2: number, horizon: number): number[] {
  const m = p.seasonLength;
  const out: number[] = [];
  let sum = 1;
  let phiSum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    out.push(sigma2 * sum);
    // c_h, used from horizon h + 1 on.
    power *= p.phi;
    phiSum += power;
    const c = p.alpha + p.beta * phiSum + (p.gamma !== 0 && h % m === 0 ? p.gamma : 0);
    sum += c * c;
  }
  return out;
}

/** The forecast-error standard deviation per horizon, √v_h (the σ the Safety stock pane takes). */
export function etsForecastErrorSd(fit: EtsFit, horizon: number): number[] {
  return etsForecastVariance(fit, horizon).map(Math.sqrt);
}
