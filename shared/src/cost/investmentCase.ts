import { z } from "zod";
import { DomainError, parseWith } from "../errors";
import { mustBe, numberSchema } from "../validation";

const money = z.number(mustBe.number).finite().min(0, mustBe.atLeast(0));
const segmentName = z.string("must be a segment name").trim().min(1, "a segment may not be blank");

/** Automation of an activity: the share of its driver volume the change removes, priced at the activity's rate. */
export const automationProposalSchema = z.object({
  kind: z.literal("automation"),
  activity: z.string("must be an activity name").trim().min(1, "an activity may not be blank"),
  /** money per driver unit of the activity (the rate in force) */
  rate: money,
  /** share of the activity's volume the change removes in the chosen segments, 0–1 */
  shareRemoved: numberSchema({ min: 0, max: 1 }),
  /** the chosen segments with their yearly driver volume of the activity */
  segments: z.array(z.object({ segment: segmentName, yearlyVolume: money }), "must be a list of segments").min(1, "give at least one segment"),
});

/** A network change: per segment, the yearly cost of today's network and of the chosen one, split by what moves with volume. */
export const networkProposalSchema = z.object({
  kind: z.literal("network"),
  segments: z
    .array(
      z.object({
        segment: segmentName,
        /** transport + handling a year today and in the chosen network: these scale with volume */
        currentVariableCost: money,
        chosenVariableCost: money,
        /** the segment's share of the DCs' fixed cost a year: does not move with volume */
        currentFixedCost: money,
        chosenFixedCost: money,
      }),
      "must be a list of segments",
    )
    .min(1, "give at least one segment"),
});

export const investmentCaseSchema = z.object({
  proposal: z.discriminatedUnion("kind", [automationProposalSchema, networkProposalSchema], "kind must be automation or network"),
  /** paid at the start (year 0) */
  oneOffCost: money,
  /** the running cost the change adds each year (licences, maintenance) */
  yearlyRunningCost: money.default(0),
  /** the company's discount rate (cost of capital) a year, e.g. 0.08 */
  discountRate: numberSchema({ min: 0, max: 1 }),
  /** whole years of savings counted */
  horizonYears: numberSchema({ min: 1, max: 50, integer: true }),
  /** the volume swing of the sensitivity rows, e.g. 0.2 for −20 % and +20 % */
  volumeSwing: numberSchema({ min: 0, max: 0.9 }).default(0.2),
});
export type InvestmentCaseInput = z.input<typeof investmentCaseSchema>;

export interface SegmentSaving {
  segment: string;
  /** automation: driver units removed a year; null for a network change */
  volumeRemoved: number | null;
  /** money a year, before the running cost */
  yearlySaving: number;
}

export interface CaseOutcome {
  /** −0.2, 0 or +0.2: the change in volume this outcome assumes */
  volumeChange: number;
  /** Σ segment savings − running cost, money a year */
  netYearlySaving: number;
  npv: number;
  /** years until the cumulative cash flow reaches 0, with the fraction of the last year; "never" when it does not */
  paybackYears: number | "never";
}

export interface InvestmentCase extends CaseOutcome {
  kind: "automation" | "network";
  segments: SegmentSaving[];
  yearlySaving: number;
  yearlyRunningCost: number;
  oneOffCost: number;
  discountRate: number;
  horizonYears: number;
  /** year 0 (−one-off cost) to year H (net yearly saving) */
  cashFlows: number[];
  /** the payback falls inside the horizon */
  paysBackWithinHorizon: boolean;
  /** the case at −swing, as given, and +swing volume */
  sensitivity: CaseOutcome[];
}

/**
 * Net present value of cash flows at the end of years 0, 1, …, T at rate r:
 *
 *   NPV = Σₜ Cₜ / (1 + r)ᵗ.
 *
 * Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2 and 5
 * ("Net present value and other investment criteria"); Horngren, Datar &
 * Rajan, *Cost Accounting*, ch. "Capital budgeting and cost analysis" (the
 * discounted cash-flow methods).
 * @example npv(0.1, [-100, 110]) // 0
 */
export function npv(rate: number, cashFlows: readonly number[]): number {
  let value = 0;
  for (let t = cashFlows.length - 1; t >= 0; t--) value = value / (1 + rate) + cashFlows[t];
  return value;
}

/**
 * Payback period: the years before the cumulative (undiscounted) cash flow
 * turns non-negative, the last year counted in proportion as if its cash
 * came evenly through the year (Brealey, Myers & Allen, ch. 5 "The payback
 * rule"; Horngren et al., "Payback method", uneven cash flows). "never" when
 * the flows given never repay the outlay.
 * @example paybackYears([-100, 40, 40, 40]) // 2.5
 */
export function paybackYears(cashFlows: readonly number[]): number | "never" {
  let cumulative = cashFlows[0] ?? 0;
  if (cumulative >= 0) return 0;
  for (let t = 1; t < cashFlows.length; t++) {
    const flow = cashFlows[t];
    if (flow > 0 && cumulative + flow >= 0) return t - 1 + -cumulative / flow;
    cumulative += flow;
  }
  return "never";
}

/**
 * An investment case for a proposal that cuts cost-to-serve: the yearly
 * saving per segment, then a one-off outlay in year 0 and the same net
 * saving at the end of each year of the horizon, with NPV and payback
 * (definitions above), and again at −swing and +swing volume.
 *
 * Automation of an activity (activity-based costing, Kaplan & Cooper,
 * *Cost & Effect*, 1998, ch. 10): the driver units it removes in a segment
 * are the segment's yearly volume × share removed, priced at the activity's
 * rate; that saving moves with volume. A network change: the segment's
 * saving is today's cost − the chosen network's, of which transport and
 * handling move with volume and the share of DC fixed cost does not. The
 * added running cost is the same at every volume. Payback is not bounded by
 * the horizon; `paysBackWithinHorizon` says whether it falls inside it. With
 * the same saving S every year, payback = one-off cost / S.
 *
 * @throws DomainError naming the field and row (`proposal.segments[2].yearlyVolume`, `discountRate`…) or a segment given twice
 * @example investmentCase({ proposal: { kind: "automation", activity: "order handling", rate: 12, shareRemoved: 0.5, segments: [{ segment: "A", yearlyVolume: 10000 }] }, oneOffCost: 120000, discountRate: 0.08, horizonYears: 5 }).paybackYears // 2
 */
export function investmentCase(input: InvestmentCaseInput): InvestmentCase {
  const c = parseWith(investmentCaseSchema, input, "");
  const seen = new Map<string, number>();
  c.proposal.segments.forEach((s, i) => {
    if (seen.has(s.segment)) throw new DomainError(`proposal.segments[${i}].segment`, `"${s.segment}" is given twice (also at segments[${seen.get(s.segment)}])`);
    seen.set(s.segment, i);
  });
  const proposal = c.proposal;
  // Each segment's saving at a volume factor: the variable part scales, the fixed part does not.
  const savingsAt = (factor: number): SegmentSaving[] =>
    proposal.kind === "automation"
      ? proposal.segments.map((s) => {
          const removed = s.yearlyVolume * factor * proposal.shareRemoved;
          return { segment: s.segment, volumeRemoved: removed, yearlySaving: removed * proposal.rate };
        })
      : proposal.segments.map((s) => ({
          segment: s.segment,
          volumeRemoved: null,
          yearlySaving: (s.currentVariableCost - s.chosenVariableCost) * factor + (s.currentFixedCost - s.chosenFixedCost),
        }));
  const outcome = (volumeChange: number): CaseOutcome & { segments: SegmentSaving[]; cashFlows: number[]; yearlySaving: number } => {
    const segments = savingsAt(1 + volumeChange);
    const yearlySaving = segments.reduce((sum, s) => sum + s.yearlySaving, 0);
    const netYearlySaving = yearlySaving - c.yearlyRunningCost;
    const cashFlows = [-c.oneOffCost, ...new Array<number>(c.horizonYears).fill(netYearlySaving)];
    return { volumeChange, segments, yearlySaving, netYearlySaving, cashFlows, npv: npv(c.discountRate, cashFlows), paybackYears: constantPayback(c.oneOffCost, netYearlySaving) };
  };
  const base = outcome(0);
  const summary = ({ volumeChange, netYearlySaving, npv: value, paybackYears: payback }: CaseOutcome): CaseOutcome => ({ volumeChange, netYearlySaving, npv: value, paybackYears: payback });
  return {
    kind: proposal.kind,
    segments: base.segments,
    yearlySaving: base.yearlySaving,
    yearlyRunningCost: c.yearlyRunningCost,
    oneOffCost: c.oneOffCost,
    discountRate: c.discountRate,
    horizonYears: c.horizonYears,
    cashFlows: base.cashFlows,
    ...summary(base),
    paysBackWithinHorizon: base.paybackYears !== "never" && base.paybackYears <= c.horizonYears,
    sensitivity: [outcome(-c.volumeSwing), base, outcome(c.volumeSwing)].map(summary),
  };
}

/** With the same saving every year the payback needs no horizon: cost / saving, "never" when nothing is saved or the saving is too small for the payback to be a number of years. */
function constantPayback(oneOffCost: number, netYearlySaving: number): number | "never" {
  if (oneOffCost === 0) return 0;
  const years = oneOffCost / netYearlySaving;
  return netYearlySaving > 0 && Number.isFinite(years) ? years : "never";
}
