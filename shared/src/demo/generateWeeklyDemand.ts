import { assertUnreachable } from "../errors";
import type { Rng } from "../random";
import { MIN_OCCASIONAL_SIZE, type ProductTraits } from "./generateProducts";
import type { DemandProfile } from "./types";

/** Weeks a launch takes to reach full rate, and a phase-out to wind down. */
const LAUNCH_RAMP_WEEKS = 6;
const PHASE_OUT_WEEKS = 8;

/**
 * A product's total units per week (index 0 is week 1), drawn so that its
 * Syntetos–Boylan class (ADI cut-off 1.32, CV² cut-off 0.49; Syntetos, Boylan
 * & Croston 2005, JORS 56(5): 495–503) is the intended one:
 * - smooth: demand nearly every week, normal sizes with CV 0.08–0.3;
 * - erratic: nearly every week, sizes times a lognormal with σ 0.9–1.3
 *   (CV² = e^σ² − 1 ≥ 1.2);
 * - intermittent: demand in 4–60% of weeks, sizes 1 + Poisson with a mean
 *   jittered by a lognormal with σ 0.1–0.3 (CV² below about 0.35);
 * - lumpy: as intermittent, but sizes 1 + Poisson with a lognormal mean (σ 1–1.4).
 * Seasonality scales the size of frequent demand and the chance of
 * occasional demand. Every product gets at least one week of demand.
 */
export function generateWeeklyDemand(rng: Rng, traits: ProductTraits, profile: DemandProfile, weeks: number): Int32Array {
  const series = new Int32Array(weeks);
  const launched = traits.firstWeek > 1;
  const phasedOut = traits.lastWeek < weeks;
  const sigma = traits.sizeVariability;
  const occasionalMeanSize = traits.meanWeeklyUnits / traits.demandProbability;
  let total = 0;
  for (let week = traits.firstWeek; week <= traits.lastWeek; week++) {
    const season = 1 + traits.seasonalAmplitude * Math.sin((2 * Math.PI * (week - 1)) / 52 + traits.seasonalPhase);
    const ramp = Math.min(1, launched ? (week - traits.firstWeek + 1) / LAUNCH_RAMP_WEEKS : 1, phasedOut ? (traits.lastWeek - week + 1) / PHASE_OUT_WEEKS : 1);
    let units = 0;
    switch (profile) {
      case "smooth":
      case "erratic": {
        if (!rng.bernoulli(traits.demandProbability)) break;
        const level = traits.meanWeeklyUnits * season * ramp;
        const size = profile === "smooth" ? rng.normal(level, sigma * level) : level * rng.lognormal((-sigma * sigma) / 2, sigma);
        units = Math.max(1, Math.round(size));
        break;
      }
      case "intermittent":
      case "lumpy": {
        if (!rng.bernoulli(Math.min(0.95, traits.demandProbability * season * ramp))) break;
        // The lognormal has mean 1, so the mean size stays occasionalMeanSize whatever σ.
        const extra = Math.max(0, occasionalMeanSize - 1) * rng.lognormal((-sigma * sigma) / 2, sigma);
        units = 1 + rng.poisson(extra);
        break;
      }
      default:
        assertUnreachable(profile);
    }
    series[week - 1] = units;
    total += units;
  }
  if (total === 0) {
    const week = rng.int(traits.firstWeek, traits.lastWeek);
    series[week - 1] = Math.max(MIN_OCCASIONAL_SIZE[profile], Math.round(occasionalMeanSize));
  }
  return series;
}
