import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { normalCdf } from "../inventory/normalDistribution";
import { demandPatternOfRow, type DemandPattern } from "../segmentation/demandPattern";
import { mustBe, numberSchema } from "../validation";

export const baselineRuleOptionsSchema = z.object({
  metricName: z.string().trim().min(1),
  /** "rate": mean weekly value (revenue); "cov": sample sd / mean of the weekly values (units), the XYZ statistic */
  statistic: z.enum(["rate", "cov"]),
  /** the dimension's classes, best first */
  classes: z.array(z.string().trim().min(1)).min(2, "at least two classes are needed"),
  direction: z.enum(["higherIsBetter", "lowerIsBetter"]),
  /** "log": boundaries read off the members are geometric means (money); "linear": arithmetic */
  scale: z.enum(["log", "linear"]),
  /** the segmentation's own cut-offs on the statistic (XYZ's CoV limits); without them the cut is read off the members */
  cutoffs: z.array(z.number(mustBe.number).finite()).optional(),
  /** the weeks the segmentation that set the current classes read (1-based, inclusive) */
  baseline: z.object({ fromWeek: z.number().int().min(1), toWeek: z.number().int().min(1) }),
  periodWeeks: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)),
  /** N: the statistic is read over N periods, and must have been past the bound at each of the last N period ends */
  consecutivePeriods: z.number(mustBe.number).int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)),
  margin: numberSchema({ min: 0, max: 1 }),
  /** the band of an entity's own baseline windows a reading must leave to count as a change (0.05: outside its 5th–95th percentile) */
  ownBand: numberSchema({ min: 0, max: 0.5 }).default(0.025),
  /** false when the history is too short to hold a baseline before the weeks examined: boundary and margin only */
  useOwnBand: z.boolean().default(true),
});
export type BaselineRuleOptions = z.input<typeof baselineRuleOptionsSchema>;

export interface BaselineRuleEntity {
  entityId: string;
  current: string;
  /** the weekly values (revenue or units), week 1 first, one per week of history */
  weekly: ArrayLike<number>;
  /** a seasonal item is read against the same weeks a year earlier; without the flag (undefined) a rate is tested for a recurring yearly cycle */
  seasonal?: boolean;
}

export interface BaselineRuleRecommendation {
  entityId: string;
  from: string;
  to: string;
  change: "upgrade" | "downgrade";
  /** persistence × strength, in [0.25, 1]: a score, not a probability */
  confidence: number;
  boundary: number;
  bound: number;
  /** period ends in a row (latest first) at which the reading was past the bound and outside the entity's own band */
  run: number;
  /** the same count as far back as the history goes (`run` stops at 2N, where persistence is full): how long it has really been past */
  periodsPast: number;
  /** the period ends those were read over: periodsPast, plus the one miss the run tolerates when it fell inside */
  periodsRead: number;
  /** the last week of the earliest period end counted */
  sinceWeek: number;
  /** the reading on the segmentation's scale at each of the last N period ends, oldest first */
  evidence: Array<{ period: string; value: number }>;
  /** the latest reading on the segmentation's scale, and the statistic the segmentation read */
  value: number;
  baselineValue: number;
  /** the entity's own band over its baseline windows (same length as the reading); a rate's high end without each window's largest week, its low end without the smallest */
  ownBand: { low: number; high: number };
  pattern: DemandPattern;
  seasonal: boolean;
  /** where `seasonal` came from: the entity's flag, or (no flag) the tests of a recurring yearly cycle over its baseline weeks ("none": not tested, the baseline is a year or less) */
  seasonalFrom: "flag" | "none" | { f: number; p: number; recurrence: { r: number; p: number } };
  /** how the reading was put on the segmentation's scale */
  basis: string;
  rule: string;
}

/**
 * Rule recommendations that compare like with like. The current classes were
 * set by a segmentation over a baseline window; its statistic (mean weekly
 * revenue, or the CoV of weekly units) is recomputed over that same window,
 * so the class boundaries are its real cuts: the segmentation's cut-offs when
 * they are on the statistic (XYZ), else the cut between adjacent classes'
 * members that misplaces fewest of them (ABC and tiers rank by cumulative
 * share, so the cut in revenue is where the ranking split them).
 *
 * A reading is the statistic over the latest N periods, put on the
 * segmentation's scale: a rate as it is (for a seasonal item, scaled by the
 * baseline rate over the same weeks a year earlier: the deseasonalised
 * level); a CoV scaled by the entity's baseline CoV over the median of its
 * own baseline windows of the same length (a CoV over 12 weeks of a seasonal
 * item is not its CoV over a year). A move needs, at each of the last N
 * period ends, the reading past the boundary by the margin and the raw
 * statistic outside the entity's own 2.5th–97.5th percentile band of baseline
 * windows of the same length (the whole range for erratic, intermittent and
 * lumpy demand), widened by the margin: an intermittent item with silent
 * stretches, or a seasonal one in its trough, stays inside its own band and
 * is not moved. Each item's Syntetos–Boylan pattern over the baseline is
 * reported with it.
 *
 * A rate's own-band test leaves out the one week most in the move's favour,
 * in the reading and in the band alike (the largest week for a move to the
 * larger side, the smallest for the smaller): one order stays in three
 * overlapping 12-week windows, and must not make a change, nor hide one by
 * having swollen a window of the baseline. The boundary is read on the
 * segmentation's own statistic, every week counted.
 *
 * An entity without a seasonal flag (customers have none) is seasonal when
 * its baseline (more than a year of it) shows a yearly cycle that recurs
 * (`seasonalityOf`: a first-order Fourier term significant over the baseline,
 * and fitted to its first 52 weeks, foretelling the weeks after), and is then
 * read as a flagged one. A seasonal rate with such a baseline moves when
 * either reading holds: season against season, or the plain rate outside its
 * own band, which over more than a year holds the season's whole swing (one
 * noisy window a year earlier must not hide a change the season cannot
 * explain).
 *
 * Confidence = persistence × strength as in `recommendByRule`: persistence =
 * min(run, 2N)/(2N), strength = min(1, ½ + ½·e) with e the median distance
 * past the bound in units of the margin band.
 *
 * @throws DomainError (`entities[i].weekly`) when the series are not all the same length; (`baseline`) outside the history; (`cutoffs`) in the wrong number; option fields out of range
 */
export function recommendAgainstBaseline(entities: readonly BaselineRuleEntity[], options: BaselineRuleOptions) {
  const o = parseWith(baselineRuleOptionsSchema, options, "options");
  const weeks = entities[0]?.weekly.length ?? 0;
  entities.forEach((e, i) => {
    if (e.weekly.length !== weeks) throw new DomainError(`entities[${i}].weekly`, `expected ${weeks} values (one per week), got ${e.weekly.length}`);
  });
  const { fromWeek, toWeek } = o.baseline;
  if (weeks > 0 && (toWeek > weeks || fromWeek > toWeek)) throw new DomainError("baseline", `expected weeks within 1 … ${weeks}, got ${fromWeek} … ${toWeek}`, "out_of_range");
  const higher = o.direction === "higherIsBetter";
  const n = o.consecutivePeriods;
  const w = n * o.periodWeeks;
  const stat = o.statistic === "rate" ? meanOf : covOf;
  const baselineValues = entities.map((e) => stat(e.weekly, fromWeek - 1, toWeek));
  const classes = o.classes.filter((c) => entities.some((e, i) => e.current === c && Number.isFinite(baselineValues[i])));
  const empty = { boundaries: [] as number[], classes, recommendations: [] as BaselineRuleRecommendation[], skipped: entities.length };
  if (classes.length < 2 || (o.useOwnBand && toWeek - fromWeek + 1 < w) || weeks < w + (n - 1) * o.periodWeeks) return empty;
  let boundaries: number[];
  if (o.cutoffs) {
    if (o.cutoffs.length !== o.classes.length - 1) throw new DomainError("cutoffs", `expected ${o.classes.length - 1} cut-offs (one between each pair of classes), got ${o.cutoffs.length}`);
    boundaries = classes.slice(1).map((c) => o.cutoffs![o.classes.indexOf(c) - 1]);
  } else {
    boundaries = classes.slice(1).map((_, k) =>
      bestCut(
        entities.flatMap((e, i) => (e.current === classes[k] && Number.isFinite(baselineValues[i]) ? [baselineValues[i]] : [])),
        entities.flatMap((e, i) => (e.current === classes[k + 1] && Number.isFinite(baselineValues[i]) ? [baselineValues[i]] : [])),
        higher,
        o.scale,
      ),
    );
  }
  boundaries.forEach((b, k) => {
    if (k > 0 && (higher ? b >= boundaries[k - 1] : b <= boundaries[k - 1]))
      throw new DomainError("classes", `the ${o.metricName} cut between ${classes[k]} and ${classes[k + 1]} is not beyond the one above it: no ordered boundary separates them`);
  });
  const bound = (k: number, up: boolean) => {
    const b = boundaries[k];
    // Past the boundary on the side where the statistic is larger, or on the smaller side.
    const larger = up === higher;
    return larger ? b * (1 + o.margin) : b * (1 - o.margin);
  };
  // The class a reading is in with the margin in force: past a boundary by the margin on the far side, else the current class.
  const targetOf = (value: number, from: number) => {
    let to = from;
    for (let k = from - 1; k >= 0; k--) if (better(value, bound(k, true))) to = k;
    if (to !== from) return to;
    for (let k = from; k < boundaries.length; k++) if (worse(value, bound(k, false))) to = k + 1;
    return to;
  };
  const better = (v: number, b: number) => (higher ? v >= b : v <= b);
  const worse = (v: number, b: number) => (higher ? v <= b : v >= b);
  const ends: number[] = [];
  // Persistence counts up to 2N period ends.
  for (let end = weeks; end - w >= 0 && ends.length < 2 * n; end -= o.periodWeeks) ends.push(end);
  const recommendations: BaselineRuleRecommendation[] = [];
  let judged = 0;
  entities.forEach((e, i) => {
    const from = classes.indexOf(e.current);
    const base = baselineValues[i];
    if (from < 0 || !Number.isFinite(base)) return;
    judged++;
    // A seasonal rate can be read season against season when the baseline holds readings a year apart (more than a year).
    const overAYear = o.statistic === "rate" && toWeek - (fromWeek - 1 + 52 + w) >= 6;
    // Without a seasonal flag (customers have none), such a rate is seasonal when its baseline shows a recurring yearly cycle.
    const cycle = e.seasonal === undefined && overAYear ? seasonalityOf(e.weekly, fromWeek - 1, toWeek) : undefined;
    const seasonal = e.seasonal ?? cycle?.seasonal ?? false;
    // Erratic, intermittent and lumpy demand (Syntetos–Boylan) throws up rare windows that smooth demand does not:
    // their band is the whole range of their own baseline windows.
    const pattern = demandPatternOfRow(Array.from({ length: toWeek - fromWeek + 1 }, (_, j) => e.weekly[fromWeek - 1 + j])).pattern;
    const tail = pattern === "smooth" ? o.ownBand : 0;
    const yearOnYear = (end: number, drop?: Drop) => {
      const lastYear = meanOf(e.weekly, end - 52 - w, end - 52);
      return lastYear > 0 ? (base * meanOf(e.weekly, end - w, end, drop)) / lastYear : Number.NaN;
    };
    const judge = (seasonAgainstSeason: boolean): BaselineRuleRecommendation | undefined => {
      // A seasonal rate read season against season: its band is that of the baseline's own year-on-year readings.
      const seasonalBand = seasonAgainstSeason && overAYear;
      // A rate is tested on its larger side without the window's largest week, on its smaller side without its
      // smallest: one order (or one missed week) does not make a change. The band is read the same way.
      const ownAt = (end: number, drop?: Drop) => (seasonalBand ? yearOnYear(end, drop) : o.statistic === "rate" ? meanOf(e.weekly, end - w, end, drop) : stat(e.weekly, end - w, end));
      const ownOf = (drop?: Drop) => {
        const values: number[] = [];
        for (let end = fromWeek - 1 + (seasonalBand ? 52 + w : w); end <= toWeek; end++) {
          const v = ownAt(end, drop);
          if (Number.isFinite(v)) values.push(v);
        }
        return values.sort((a, b) => a - b);
      };
      const ownLarger = ownOf(o.statistic === "rate" ? "largest" : undefined);
      if (ownLarger.length < 2 && o.useOwnBand) return undefined;
      const ownSmaller = o.statistic === "rate" ? ownOf("smallest") : ownLarger;
      const low = ownSmaller.length ? quantile(ownSmaller, tail) : Number.NaN;
      const high = ownLarger.length ? quantile(ownLarger, 1 - tail) : Number.NaN;
      // The CoV's typical window (a CoV's band is read whole, not without a week).
      const reference = o.statistic === "cov" && ownLarger.length ? quantile(ownLarger, 0.5) : base;
      // value: the reading on the segmentation's scale, for the boundary; raw: the reading the own band is of.
      const readAt = (end: number, drop?: Drop) => {
        const raw = stat(e.weekly, end - w, end);
        let value = raw;
        if (o.statistic === "cov") value = reference > 0 ? (base * raw) / reference : Number.NaN;
        else if (seasonAgainstSeason && end - 52 - w >= fromWeek - 1 && end - 52 <= toWeek) {
          const v = yearOnYear(end);
          value = Number.isFinite(v) ? v : raw;
        }
        return { end, raw: o.statistic === "rate" ? ownAt(end, drop) : raw, value };
      };
      const readings = ends.map((end) => readAt(end));
      const latest = readings[0];
      const directionOf = (value: number) => {
        const t = Number.isFinite(value) ? targetOf(value, from) : from;
        return t === from ? 0 : t < from ? 1 : -1;
      };
      // One order can swing a window: the latest or the one before sets the direction.
      const direction = directionOf(readings[0].value) || directionOf(readings[1]?.value ?? Number.NaN);
      if (direction === 0) return undefined;
      const up = direction > 0;
      // The margin applies to the own band too: noise at the edge of an item's own range is not a change.
      const pastOwn = (raw: number) => !o.useOwnBand || (up === higher ? raw > high * (1 + o.margin) : raw < low * (1 - o.margin));
      const holds = (r: { value: number; raw: number }) => directionOf(r.value) === direction && pastOwn(r.raw);
      let run = 0;
      let misses = 0;
      let target = up ? 0 : classes.length - 1;
      const passing: typeof readings = [];
      // The side of the statistic the move lies on: its own-band reading leaves out the week most in the move's favour.
      const drop: Drop | undefined = o.statistic === "rate" ? (up === higher ? "largest" : "smallest") : undefined;
      for (const r of ends.map((end) => readAt(end, drop))) {
        if (!holds(r)) {
          // N of the last N + 1 period ends: a single window swung back by one order does not break the run.
          if (++misses > 1) break;
          continue;
        }
        run++;
        passing.push(r);
        // The least move every reading of the run supports.
        const t = targetOf(r.value, from);
        if (run <= n) target = up ? Math.max(target, t) : Math.min(target, t);
      }
      if (run < n) return undefined;
      // The time really past, for the rationale: the run's own test at every period end the history holds, not only the 2N that score it.
      let periodsPast = 0;
      let periodsRead = 0;
      let sinceWeek = weeks;
      let missed = 0;
      for (let end = weeks, j = 1; end - w >= 0; end -= o.periodWeeks, j++) {
        const r = readAt(end, drop);
        if (!holds(r)) {
          if (++missed > 1) break;
          continue;
        }
        periodsPast++;
        periodsRead = j;
        sinceWeek = end;
      }
      const k = up ? target : target - 1;
      const b = bound(k, up);
      const boundary = boundaries[k];
      const band = Math.abs(boundary - b) || Math.abs(boundary) || 1;
      const window = passing.slice(0, n).reverse();
      const excess = median(window.map((r) => Math.abs(r.value - b) / band));
      const persistence = Math.min(run, 2 * n) / (2 * n);
      const strength = Math.min(1, 0.5 + 0.5 * excess);
      const basis =
        (o.statistic === "cov"
          ? `the CoV over ${w} weeks × the baseline CoV ${round(base)} / its typical ${w}-week CoV ${round(reference)}`
          : seasonAgainstSeason
            ? `the rate over ${w} weeks against the same weeks a year earlier`
            : seasonal
              ? `the rate over ${w} weeks, against its own band over more than a year (the season's swing is inside it)`
              : `the rate over ${w} weeks`) +
        (cycle?.seasonal
          ? `; seasonal by its baseline: a yearly cycle (F = ${round(cycle.f)}, p = ${cycle.p.toPrecision(2)}) that its first 52 weeks foretell in the weeks after (r = ${round(cycle.recurrence.r)}, p = ${cycle.recurrence.p.toPrecision(2)})`
          : "") +
        (o.useOwnBand ? "" : "; the history is too short for the item's own band");
      const ownBasis = drop ? ` (${w}-week rates without their ${drop} week)` : "";
      return {
        entityId: e.entityId,
        from: e.current,
        to: classes[target],
        change: up ? "upgrade" : "downgrade",
        confidence: Math.round(persistence * strength * 1e4) / 1e4,
        boundary,
        bound: b,
        run,
        periodsPast,
        periodsRead,
        sinceWeek,
        evidence: window.map((r) => ({ period: `W${r.end - w + 1}-W${r.end}`, value: r.value })),
        value: latest.value,
        baselineValue: base,
        ownBand: { low, high },
        pattern,
        seasonal,
        seasonalFrom: e.seasonal !== undefined ? "flag" : cycle ? { f: cycle.f, p: cycle.p, recurrence: cycle.recurrence } : "none",
        basis,
        rule: `${o.metricName} (${basis}) ${up === higher ? "above" : "below"} ${round(b)} (the ${e.current}/${classes[target]} cut ${round(boundary)} of weeks ${fromWeek}-${toWeek}, ${Math.round(o.margin * 100)} % margin) and outside its own ${pattern} band ${round(low)}–${round(high)}${ownBasis} at ${periodsRead > periodsPast ? `${periodsPast} of the last ${periodsRead}` : `each of the last ${periodsPast}`} period ends of ${o.periodWeeks} weeks (since the period ending week ${sinceWeek}): ${e.current} → ${classes[target]}`,
      };
    };
    // A baseline longer than a year holds the season's whole swing in the item's own band: a reading past the boundary
    // and outside that band is a change the season does not explain, even where last year's same weeks were a freak.
    const recommendation = seasonal ? (judge(true) ?? (overAYear ? judge(false) : undefined)) : judge(false);
    if (recommendation) recommendations.push(recommendation);
  });
  return { boundaries, classes, recommendations, skipped: entities.length - judged };
}

/** The cut between a better and a worse class's values that misplaces fewest members; ties: the middle of the tied gaps. */
function bestCut(betterValues: number[], worseValues: number[], higher: boolean, scale: "log" | "linear"): number {
  const all = [...betterValues.map((v) => ({ v, better: true })), ...worseValues.map((v) => ({ v, better: false }))].sort((a, b) => a.v - b.v);
  if (betterValues.length === 0 || worseValues.length === 0) return Number.NaN;
  // Errors with the cut below all values: on the higher-is-better side every worse member is misplaced.
  let errors = higher ? worseValues.length : betterValues.length;
  let best = errors;
  let cuts: number[] = [];
  const mid = (x: number, y: number) => (scale === "log" && x > 0 && y > 0 ? Math.sqrt(x * y) : (x + y) / 2);
  for (let j = 0; j < all.length; j++) {
    // Moving the cut above all[j]: it is now below the cut.
    errors += (all[j].better === higher ? 1 : -1) * 1;
    if (j + 1 < all.length && all[j + 1].v === all[j].v) continue;
    const cut = j + 1 < all.length ? mid(all[j].v, all[j + 1].v) : all[j].v;
    if (errors < best) {
      best = errors;
      cuts = [cut];
    } else if (errors === best) cuts.push(cut);
  }
  return cuts.length ? cuts[Math.floor((cuts.length - 1) / 2)] : mid(all[0].v, all[all.length - 1].v);
}

type Drop = "largest" | "smallest";

/** The significance level of both tests that make an entity without a seasonal flag seasonal. */
const SEASONALITY_P = 0.01;

/**
 * Whether weeks from … to − 1 (more than a year of them) show a yearly cycle
 * that recurs: the F test of a first-order Fourier term over all the weeks
 * (`yearlyCycle`), and the term fitted to the first 52 weeks foretelling the
 * weeks after: the Pearson correlation r of its fitted values with theirs,
 * one-sided by Fisher's z, z = atanh(r)·√(m − 3) for m weeks (Fisher 1921).
 * Both at p < 0.01. Over a year and a half a one-off burst of demand fits a
 * yearly wave as well as a season does; only a season comes round again.
 */
export function seasonalityOf(values: ArrayLike<number>, from: number, to: number) {
  const cycle = yearlyCycle(values, from, to);
  const m = to - from - 52;
  let recurrence = { r: Number.NaN, p: Number.NaN };
  if (m >= 4) {
    const first = yearlyCycle(values, from, from + 52);
    let mx = 0;
    let my = 0;
    for (let k = from + 52; k < to; k++) {
      mx += first.index(k) / m;
      my += values[k] / m;
    }
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = from + 52; k < to; k++) {
      sxy += (first.index(k) - mx) * (values[k] - my);
      sxx += (first.index(k) - mx) ** 2;
      syy += (values[k] - my) ** 2;
    }
    const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
    // atanh(1) is infinite: a perfect r is as significant as the test can say.
    if (Number.isFinite(r)) recurrence = { r, p: normalCdf(-Math.atanh(Math.min(r, 1 - 1e-15)) * Math.sqrt(m - 3)) };
  }
  return { f: cycle.f, p: cycle.p, amplitude: cycle.amplitude, recurrence, seasonal: cycle.p < SEASONALITY_P && recurrence.p < SEASONALITY_P };
}

/**
 * The yearly cycle in weeks from … to − 1: the least-squares fit of a
 * first-order Fourier term, a + b·cos(2πt/52) + c·sin(2πt/52) (harmonic
 * regression; Hyndman & Athanasopoulos, Forecasting: Principles and Practice,
 * 3rd ed., §7.4), against the mean alone, by the F test of the two terms:
 * F = (SSR / 2) / (SSE / ν), ν = n − 3. With two numerator degrees of freedom
 * the F distribution's tail has a closed form, P(F₂,ν > f) = (1 + 2f/ν)^(−ν/2)
 * (the regularised beta I_x(1, ν/2) = 1 − (1 − x)^(ν/2), x = 2f / (2f + ν)).
 */
export function yearlyCycle(values: ArrayLike<number>, from: number, to: number): { f: number; p: number; amplitude: number; index: (week: number) => number } {
  const n = to - from;
  const nu = n - 3;
  const none = { f: Number.NaN, p: Number.NaN, amplitude: Number.NaN, index: () => Number.NaN };
  if (nu < 1) return none;
  let lowest = Infinity;
  let highest = -Infinity;
  for (let t = from; t < to; t++) {
    lowest = Math.min(lowest, values[t]);
    highest = Math.max(highest, values[t]);
  }
  // A constant series has no cycle (and its sums of squares are rounding noise).
  if (lowest === highest) return { f: 0, p: 1, amplitude: 0, index: () => 1 };
  let mc = 0;
  let ms = 0;
  let my = 0;
  for (let t = 0; t < n; t++) {
    mc += Math.cos((2 * Math.PI * t) / 52) / n;
    ms += Math.sin((2 * Math.PI * t) / 52) / n;
    my += values[from + t] / n;
  }
  let cc = 0;
  let ss = 0;
  let cs = 0;
  let cy = 0;
  let sy = 0;
  let yy = 0;
  for (let t = 0; t < n; t++) {
    const c = Math.cos((2 * Math.PI * t) / 52) - mc;
    const s = Math.sin((2 * Math.PI * t) / 52) - ms;
    const y = values[from + t] - my;
    cc += c * c;
    ss += s * s;
    cs += c * s;
    cy += c * y;
    sy += s * y;
    yy += y * y;
  }
  const det = cc * ss - cs * cs;
  if (!(det > 0) || !(yy > 0)) return none;
  const b = (ss * cy - cs * sy) / det;
  const c = (cc * sy - cs * cy) / det;
  const explained = b * cy + c * sy;
  const f = explained / 2 / (Math.max(yy - explained, 0) / nu);
  // The fitted level of week k (0-based, as `values`, any week: the term is periodic) over the mean: the seasonal index.
  const index = (k: number) => (my + b * (Math.cos((2 * Math.PI * (k - from)) / 52) - mc) + c * (Math.sin((2 * Math.PI * (k - from)) / 52) - ms)) / my;
  return { f, p: (1 + (2 * f) / nu) ** (-nu / 2), amplitude: my > 0 ? Math.hypot(b, c) / my : Number.NaN, index };
}

/** The mean over weeks from … to − 1, or without its largest or smallest week. */
function meanOf(values: ArrayLike<number>, from: number, to: number, drop?: Drop): number {
  let sum = 0;
  let extreme = drop === "largest" ? -Infinity : Infinity;
  for (let k = from; k < to; k++) {
    sum += values[k];
    extreme = drop === "largest" ? Math.max(extreme, values[k]) : Math.min(extreme, values[k]);
  }
  const n = to - from;
  if (!drop) return n > 0 ? sum / n : Number.NaN;
  return n > 1 ? (sum - extreme) / (n - 1) : Number.NaN;
}

/** Sample CoV of the values (zeros included), NaN without demand: the XYZ statistic. */
function covOf(values: ArrayLike<number>, from: number, to: number): number {
  const length = to - from;
  if (length < 2) return Number.NaN;
  const mean = meanOf(values, from, to);
  if (!(mean > 0)) return Number.NaN;
  let ss = 0;
  for (let k = from; k < to; k++) ss += (values[k] - mean) ** 2;
  return Math.sqrt(ss / (length - 1)) / mean;
}

function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
