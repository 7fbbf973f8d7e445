import { DomainError } from "../../errors";
import { minimizeBounded } from "../minimizeBounded";
import { PHI_BOUNDS } from "../schemas";
import { etsLabel, etsParameterCount, type EtsSpec } from "./etsModel";
import { initialEtsStates } from "./initialEtsStates";
import { etsForecast, runEts } from "./runEts";

/** An ETS model fitted by maximum likelihood. */
export interface EtsFit {
  spec: EtsSpec;
  /** "ETS(M,Ad,M)" */
  label: string;
  alpha: number;
  /** in the error-correction form b_t = φb_{t−1} + βe_t (β = αβ* of Holt's form); 0 without a trend */
  beta: number;
  gamma: number;
  /** 1 without damping */
  phi: number;
  seasonLength: number;
  /** estimated states before the first observation: ℓ₀, b₀, s for the positions of the first season */
  initialLevel: number;
  initialTrend: number;
  initialSeason: number[];
  /** −2 log-likelihood up to constants as R's ets() reports it (`-2 * fit$loglik`) */
  lik: number;
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** parameters counted for the criteria, σ² included (R's `length(fit$par) + 1`) */
  parameterCount: number;
  /** residual variance as ets(): Σ residual² / (n − parameters other than σ²); relative residuals for multiplicative errors */
  sigma2: number;
  /** μ_t, the one-step fitted values */
  fitted: number[];
  forecast: number[];
  /** final states ℓ_n, b_n and the season by position */
  finalLevel: number;
  finalTrend: number;
  finalSeason: number[];
  observations: number;
}

const SMOOTHING_BOUNDS = [1e-4, 0.9999] as const;
const MAX_EVALUATIONS = 2000;

/**
 * Fit one ETS model (see {@link runEts} for the recursions) by maximum
 * likelihood over the smoothing constants, φ and the initial states jointly,
 * as R's ets() does (forecast 8.20, `etsmodel`; Hyndman et al. 2008 §5.2):
 * minimise n log Σe² (additive errors) or n log Σε² + 2Σ log|μ_t|
 * (multiplicative) from the §2.6.1 starting states ({@link initialEtsStates})
 * and ets()'s starting constants, by bounded Nelder–Mead (the objective is a
 * sum of squares only for additive errors, and even there the states make
 * too many dimensions for the three-parameter Levenberg–Marquardt), restarted
 * once from its end point. The usual region of ets() is kept by construction:
 * α ∈ [10⁻⁴, 0.9999], β = α·β′ and γ = (1 − α)·γ′ with β′, γ′ ∈ [10⁻⁴, 0.9999]
 * (so 0 < β < α and 0 < γ < 1 − α), φ ∈ [0.8, 0.98]. R additionally checks
 * the admissible (forecastable) region; that check is not made here.
 *
 * @throws DomainError naming `seasonLength` when a seasonal model lacks two full seasons, `history` when it is too short for the model.
 */
export function fitEts(y: Float64Array, spec: EtsSpec, seasonLength: number | undefined, horizon: number): EtsFit {
  const n = y.length;
  const seasonKind: 0 | 1 | 2 = spec.season === "N" ? 0 : spec.season === "A" ? 1 : 2;
  const m = seasonKind === 0 ? 1 : (seasonLength ?? 0);
  if (seasonKind !== 0 && (m < 2 || n < 2 * m))
    throw new DomainError("seasonLength", `a seasonal ETS model needs a season length of at least 2 and two full seasons of history, got ${m} and ${n} periods`, "out_of_range");
  const count = etsParameterCount(spec, m);
  if (n < 3 || n - count - 1 <= 0) throw new DomainError("history", `${etsLabel(spec)} has ${count} parameters and needs more than ${count + 1} periods, got ${n}`, "out_of_range");
  if (spec.error === "M" || spec.season === "M") {
    for (let t = 0; t < n; t++) if (!(y[t] > 0)) throw new DomainError(`history[${t}]`, `${etsLabel(spec)} needs strictly positive values, got ${y[t]}`, "out_of_range");
  }
  const hasTrend = spec.trend !== "N";
  const damped = spec.trend === "Ad";
  const start = initialEtsStates(y, spec, m);
  const layout = new Layout(hasTrend, damped, seasonKind, m);
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < n; t++) {
    lo = Math.min(lo, y[t]);
    hi = Math.max(hi, y[t]);
  }
  const width = Math.max(hi - lo, 1e-6 * Math.max(Math.abs(hi), Math.abs(lo)), 1e-8);
  const lower: number[] = [];
  const upper: number[] = [];
  const x0: number[] = [];
  const push = (value: number, l: number, u: number) => {
    x0.push(Math.min(u, Math.max(l, value)));
    lower.push(l);
    upper.push(u);
  };
  // ets()'s starting constants (`initparam`): α = 10⁻⁴ + 0.2 (0.9998) / m, β at 10 % and γ at 5 % of their ranges, φ at 99 % of its.
  const alpha0 = SMOOTHING_BOUNDS[0] + (0.2 * (SMOOTHING_BOUNDS[1] - SMOOTHING_BOUNDS[0])) / m;
  push(alpha0, SMOOTHING_BOUNDS[0], SMOOTHING_BOUNDS[1]);
  if (hasTrend) push(0.1, SMOOTHING_BOUNDS[0], SMOOTHING_BOUNDS[1]);
  if (seasonKind !== 0) push(0.05, SMOOTHING_BOUNDS[0], SMOOTHING_BOUNDS[1]);
  if (damped) push(PHI_BOUNDS[0] + 0.99 * (PHI_BOUNDS[1] - PHI_BOUNDS[0]), PHI_BOUNDS[0], PHI_BOUNDS[1]);
  // The states move in a box wide enough never to bind in practice; its width sets Nelder–Mead's first steps (a twentieth of it).
  push(start.level, start.level - width, start.level + width);
  if (hasTrend) push(start.trend, start.trend - width / 4, start.trend + width / 4);
  for (let j = 1; j < m && seasonKind !== 0; j++) {
    if (seasonKind === 2) push(start.season[j], 1e-3, start.season[j] + 1);
    else push(start.season[j], start.season[j] - width, start.season[j] + width);
  }
  const season = new Float64Array(m);
  const state = new Float64Array(2);
  const objective = (x: readonly number[]) => layout.run(y, n, spec.error === "M", seasonKind, m, x, season, null, state);
  let best = minimizeBounded(objective, lower, upper, { start: x0, maxEvaluations: MAX_EVALUATIONS, tolerance: 1e-10 });
  const again = minimizeBounded(objective, lower, upper, { start: best.x, maxEvaluations: MAX_EVALUATIONS / 2, tolerance: 1e-10 });
  if (again.value < best.value) best = again;
  const fitted = new Float64Array(n);
  const lik = layout.run(y, n, spec.error === "M", seasonKind, m, best.x, season, fitted, state);
  if (!Number.isFinite(lik)) throw new DomainError("history", `${etsLabel(spec)} could not be fitted (no parameters give finite errors)`, "invalid");
  const p = layout.parameters(best.x);
  const initialSeason = Array.from(layout.initialSeason(best.x));
  const forecast = new Float64Array(horizon);
  etsForecast(state, season, seasonKind, n, m, p.phi, horizon, forecast);
  let squares = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t] - fitted[t];
    const r = spec.error === "M" ? e / fitted[t] : e;
    squares += r * r;
  }
  const aic = lik + 2 * count;
  return {
    spec,
    label: etsLabel(spec),
    ...p,
    seasonLength: m,
    initialLevel: best.x[layout.levelIndex],
    initialTrend: hasTrend ? best.x[layout.levelIndex + 1] : 0,
    initialSeason: seasonKind === 0 ? [] : initialSeason,
    lik,
    loglik: -0.5 * lik,
    aic,
    aicc: aic + (2 * count * (count + 1)) / (n - count - 1),
    bic: lik + Math.log(n) * count,
    parameterCount: count,
    sigma2: squares / (n - (count - 1)),
    fitted: Array.from(fitted),
    forecast: Array.from(forecast),
    finalLevel: state[0],
    finalTrend: state[1],
    finalSeason: seasonKind === 0 ? [] : Array.from(season),
    observations: n,
  };
}

/** Where each quantity sits in the search vector [α, β′, γ′, φ, ℓ₀, b₀, s₁…s_{m−1}] (absent ones skipped). */
class Layout {
  readonly levelIndex: number;
  private readonly seasonIndex: number;
  private readonly buffer: Float64Array;
  constructor(
    private readonly hasTrend: boolean,
    private readonly damped: boolean,
    private readonly seasonKind: 0 | 1 | 2,
    private readonly m: number,
  ) {
    this.levelIndex = 1 + (hasTrend ? 1 : 0) + (seasonKind !== 0 ? 1 : 0) + (damped ? 1 : 0);
    this.seasonIndex = this.levelIndex + 1 + (hasTrend ? 1 : 0);
    this.buffer = new Float64Array(m);
  }

  parameters(x: readonly number[]): { alpha: number; beta: number; gamma: number; phi: number } {
    const alpha = x[0];
    let i = 1;
    const beta = this.hasTrend ? alpha * x[i++] : 0;
    const gamma = this.seasonKind !== 0 ? (1 - alpha) * x[i++] : 0;
    const phi = this.damped ? x[i++] : 1;
    return { alpha, beta, gamma, phi };
  }

  /** The season by position with the first fixed by the normalisation (Σ s = 0, or m for multiplicative seasons). */
  initialSeason(x: readonly number[]): Float64Array {
    const s = this.buffer;
    if (this.seasonKind === 0) return s;
    let sum = 0;
    for (let j = 1; j < this.m; j++) sum += s[j] = x[this.seasonIndex + j - 1];
    s[0] = (this.seasonKind === 2 ? this.m : 0) - sum;
    return s;
  }

  run(y: Float64Array, n: number, multiplicativeError: boolean, seasonKind: 0 | 1 | 2, m: number, x: readonly number[], season: Float64Array, fitted: Float64Array | null, state: Float64Array): number {
    const { alpha, beta, gamma, phi } = this.parameters(x);
    season.set(this.initialSeason(x));
    // ets() rejects negative multiplicative seasonal states.
    if (seasonKind === 2 && !(season[0] > 0)) return Infinity;
    return runEts(y, n, multiplicativeError, seasonKind, m, alpha, beta, gamma, phi, x[this.levelIndex], this.hasTrend ? x[this.levelIndex + 1] : 0, season, fitted, state);
  }
}
