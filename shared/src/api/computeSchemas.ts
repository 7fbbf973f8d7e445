import { z } from "zod";
import { mustBe } from "../validation/mustBe";
import { cycleServiceInputSchema } from "../inventory/schemas";
import { gsmStageSchema } from "../inventory/guaranteedService";
import { modelMethodSchema } from "../forecasting/types";
import { multiCriteriaMethodSchema, directionSchema } from "../segmentation/schemas";

/**
 * Request bodies of `POST /compute/:engine`, one per engine, each with
 * documented size limits. A stateless compute call costs CPU on the service
 * that every other caller shares, so every dimension that drives the work is
 * bounded here and a request over a limit is refused with a 400 naming it,
 * before any work starts. The engines validate the content again (cut-offs
 * increasing, a tree network and so on); these schemas bound the size and the
 * types.
 *
 * The limits sit well above what a planning workbook sends (tens of thousands
 * of items, a few years of weekly history, supply chains of tens of stages)
 * and well below what stalls a worker past its time budget.
 */
export const COMPUTE_LIMITS = {
  /** items, customers or rows of a table in one request */
  rows: 200_000,
  /** numbers in one table (rows × columns) */
  values: 2_000_000,
  /** columns of a table: periods of demand history, activities, criteria */
  columns: 1_000,
  /** periods of one forecast history */
  historyPeriods: 10_000,
  /** periods forecast after the history */
  horizon: 1_000,
  /** season length, moving-average window */
  seasonLength: 366,
  /** class cut-offs and labels */
  classes: 26,
  /** stages of one guaranteed-service network */
  gsmStages: 500,
  /** a processing or service time of a stage, in periods */
  gsmPeriods: 1_000,
  /**
   * Σ over stages of (M_k + 1)², M_k the longest replenishment time into
   * stage k: the guaranteed-service dynamic programme's work (Graves & Willems:
   * O(Σ M_k²)). 50 million is about half a second on one core; a 500-stage
   * chain of one-period stages is 42 million.
   */
  gsmWork: 50_000_000,
  /** characters of an id, label or name */
  text: 100,
} as const;

const L = COMPUTE_LIMITS;
const fmt = (n: number) => n.toLocaleString("en-US");

const finite = z.number(mustBe.number).finite("must be a finite number");
const text = z.string("must be text").max(L.text, `at most ${L.text} characters`);
const idSchema = z.union([text, finite], "must be text or a number");
const idList = z.array(idSchema, "must be a list of ids").max(L.rows, `at most ${fmt(L.rows)} ids`);
const labelList = z.array(text, "must be a list of labels").max(L.classes, `at most ${L.classes} labels`);
const cutoffList = z.array(finite, "must be a list of numbers").max(L.classes - 1, `at most ${L.classes - 1} cut-offs`);

/** Rows of numbers (or blanks), bounded in rows, columns and cells. */
function tableOf<T extends z.ZodType>(cell: T, what: string) {
  return z
    .array(z.array(cell, "each row must be a list").max(L.columns, `at most ${fmt(L.columns)} ${what} per row`), "must be a table (a list of rows)")
    .min(1, "at least one row is needed")
    .max(L.rows, `at most ${fmt(L.rows)} rows`)
    .superRefine((rows, ctx) => {
      let cells = 0;
      for (const row of rows) cells += row.length;
      if (cells > L.values) ctx.addIssue({ code: "custom", message: `at most ${fmt(L.values)} values in all (got ${fmt(cells)})` });
    });
}

const time = z
  .number(mustBe.number)
  .finite()
  .int("must be a whole number of periods")
  .min(0, mustBe.atLeast(0))
  .max(L.gsmPeriods, `at most ${fmt(L.gsmPeriods)} periods`);

export const safetyStockBodySchema = z.object({
  items: z
    .array(cycleServiceInputSchema.extend({ id: idSchema.optional() }), "must be a list of items")
    .min(1, "at least one item is needed")
    .max(L.rows, `at most ${fmt(L.rows)} items`),
});

export const meioBodySchema = z
  .object({
    stages: z
      .array(gsmStageSchema.extend({ id: idSchema, processingTime: time, maxOutboundServiceTime: time.optional(), inboundServiceTime: time.optional() }), "must be a list of stages")
      .min(1, "at least one stage is needed")
      .max(L.gsmStages, `at most ${L.gsmStages} stages`),
    arcs: z.array(z.object({ from: idSchema, to: idSchema }), "must be a list of arcs").max(L.gsmStages, `at most ${L.gsmStages} arcs`),
    serviceLevel: z.number().finite().gt(0, mustBe.above(0)).lt(1, "must be < 1").optional(),
    safetyFactor: z.number().finite().gt(0, mustBe.above(0)).max(10, mustBe.atMost(10)).optional(),
  })
  .superRefine((body, ctx) => {
    const work = guaranteedServiceWork(body.stages, body.arcs);
    if (work > L.gsmWork) {
      ctx.addIssue({
        code: "custom",
        path: ["stages"],
        message: `the network's replenishment times make the optimisation too large: Σ (M + 1)² over stages is ${fmt(work)}, the limit is ${fmt(L.gsmWork)} (shorten processing times or split the network)`,
      });
    }
  });

/**
 * The guaranteed-service programme's work, Σ_k (M_k + 1)², where M_k is the
 * longest replenishment time into stage k (its processing time plus the
 * longest of its suppliers' M or its external inbound service time). Ids that
 * do not resolve and cycles are the engine's to report: they add nothing here.
 */
export function guaranteedServiceWork(stages: ReadonlyArray<{ id: string | number; processingTime: number; inboundServiceTime?: number }>, arcs: ReadonlyArray<{ from: string | number; to: string | number }>): number {
  const index = new Map(stages.map((s, i) => [String(s.id), i]));
  const n = stages.length;
  const successors: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Array<number>(n).fill(0);
  for (const arc of arcs) {
    const from = index.get(String(arc.from));
    const to = index.get(String(arc.to));
    if (from === undefined || to === undefined || from === to) continue;
    successors[from].push(to);
    indegree[to]++;
  }
  const upstream = stages.map((s) => s.inboundServiceTime ?? 0);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order.push(i);
  let work = 0;
  for (let t = 0; t < order.length; t++) {
    const k = order[t];
    const m = upstream[k] + stages[k].processingTime;
    work += (m + 1) ** 2;
    for (const j of successors[k]) {
      upstream[j] = Math.max(upstream[j], m);
      if (--indegree[j] === 0) order.push(j);
    }
  }
  return work;
}

const forecastOptionsSchema = z.object({
  horizon: z
    .number()
    .int(mustBe.wholeNumber)
    .min(1, mustBe.atLeast(1))
    .max(L.horizon, `at most ${fmt(L.horizon)} periods`)
    .optional(),
  alpha: z.number().finite().optional(),
  beta: z.number().finite().optional(),
  gamma: z.number().finite().optional(),
  phi: z.number().finite().optional(),
  seasonLength: z.number().int(mustBe.wholeNumber).min(2, mustBe.atLeast(2)).max(L.seasonLength, `at most ${L.seasonLength} periods`).optional(),
  window: z.number().int(mustBe.wholeNumber).min(1, mustBe.atLeast(1)).max(L.seasonLength, `at most ${L.seasonLength} periods`).optional(),
  initialLevel: z.number().finite().optional(),
  initialTrend: z.number().finite().optional(),
  initialSeason: z.array(finite).max(L.seasonLength, `at most ${L.seasonLength} values`).optional(),
  holdout: z
    .number()
    .int(mustBe.wholeNumber)
    .min(1, mustBe.atLeast(1))
    .max(L.historyPeriods, `at most ${fmt(L.historyPeriods)} periods`)
    .optional(),
  policyMethod: z.string().max(20).optional(),
  candidates: z.array(modelMethodSchema).max(modelMethodSchema.options.length).optional(),
  pattern: z.string().max(20).optional(),
});

export const forecastBodySchema = z.object({
  history: z
    .array(z.union([finite, z.null()], "must be a number or null"), "must be a list of numbers")
    .min(1, "at least one period is needed")
    .max(L.historyPeriods, `at most ${fmt(L.historyPeriods)} periods`),
  method: z.union([z.literal("auto"), modelMethodSchema], `must be auto or one of ${modelMethodSchema.options.join(", ")}`).default("auto"),
  options: forecastOptionsSchema.optional(),
});

const numberOrList = z.array(finite, "must be a list of numbers").max(L.columns, `at most ${fmt(L.columns)} values`);

export const costToServeBodySchema = z.object({
  driverVolumes: tableOf(z.unknown(), "activities"),
  basis: z.object(
    {
      rates: numberOrList.optional(),
      activityCosts: numberOrList.optional(),
      totalDriverVolumes: z.union([z.literal("table"), numberOrList], 'must be "table" or a list of numbers').optional(),
    },
    "must be an object with rates, or activityCosts and totalDriverVolumes",
  ),
  options: z
    .object(
      {
        ids: idList.optional(),
        activities: z
          .array(idSchema, "must be a list of names")
          .max(L.columns, `at most ${fmt(L.columns)} names`)
          .optional(),
        directCosts: z
          .array(finite, "must be a list of numbers")
          .max(L.rows, `at most ${fmt(L.rows)} values`)
          .optional(),
      },
      "must be an object",
    )
    .optional(),
});

export const abcBodySchema = z.object({
  // ABC is a sort: as many values as a table may hold cells.
  values: z
    .array(finite, "must be a list of numbers")
    .min(1, "at least one value is needed")
    .max(L.values, `at most ${fmt(L.values)} values`),
  options: z
    .object(
      {
        cutoffs: cutoffList.optional(),
        labels: labelList.optional(),
        mode: z.enum(["value", "count"]).optional(),
        ids: z
          .array(idSchema, "must be a list of ids")
          .max(L.values, `at most ${fmt(L.values)} ids`)
          .optional(),
      },
      "must be an object",
    )
    .optional(),
});

const demandTable = tableOf(z.union([finite, z.null()], "must be a number or null"), "periods");

export const xyzBodySchema = z.object({
  demand: demandTable,
  options: z.object({ cutoffs: cutoffList.optional(), labels: labelList.optional(), noDemandLabel: text.optional(), ids: idList.optional() }, "must be an object").optional(),
});

export const demandPatternBodySchema = z.object({
  demand: demandTable,
  options: z.object({ adiCutoff: finite.optional(), cv2Cutoff: finite.optional(), ids: idList.optional() }, "must be an object").optional(),
});

export const mcabcBodySchema = z.object({
  criteria: tableOf(finite, "criteria"),
  options: z
    .object(
      {
        weights: z.array(finite).max(L.columns).optional(),
        directions: z.array(directionSchema).max(L.columns).optional(),
        method: multiCriteriaMethodSchema.optional(),
        cutoffs: cutoffList.optional(),
        mode: z.enum(["value", "count"]).optional(),
      },
      "must be an object",
    )
    .optional(),
});

/** Transfer prices per item × segment; the engine checks each line's fields and names the one that is wrong. */
export const transferPriceBodySchema = z.object({
  lines: z
    .array(z.record(z.string(), z.unknown(), "must be an object"), "must be a list of lines")
    .min(1, "at least one line is needed")
    .max(L.rows, `at most ${fmt(L.rows)} lines`),
  policy: z.object(
    {
      carryingRate: finite,
      markup: finite.optional(),
      daysPerYear: finite.optional(),
      marketPrices: z
        .record(text, finite, "must be an object of item → price")
        .refine((m) => Object.keys(m).length <= L.rows, `at most ${fmt(L.rows)} market prices`)
        .optional(),
    },
    "must be an object with carryingRate",
  ),
});

/**
 * An investment case for one proposal (automation of an activity, or a
 * network change); the engine checks each segment's fields and names the one
 * that is wrong.
 */
export const investmentCaseBodySchema = z.object({
  proposal: z.looseObject(
    {
      kind: z.enum(["automation", "network"], "must be automation or network"),
      segments: z
        .array(z.record(z.string(), z.unknown(), "must be an object"), "must be a list of segments")
        .min(1, "at least one segment is needed")
        .max(L.columns, `at most ${fmt(L.columns)} segments`),
    },
    "must be an object with kind and segments",
  ),
  oneOffCost: finite,
  yearlyRunningCost: finite.optional(),
  discountRate: finite,
  horizonYears: finite,
  volumeSwing: finite.optional(),
});

/** Every compute engine's body schema, by the engine's name in the path. */
export const computeBodySchemas = {
  "safety-stock": safetyStockBodySchema,
  meio: meioBodySchema,
  forecast: forecastBodySchema,
  "cost-to-serve": costToServeBodySchema,
  abc: abcBodySchema,
  xyz: xyzBodySchema,
  "demand-pattern": demandPatternBodySchema,
  mcabc: mcabcBodySchema,
  "transfer-price": transferPriceBodySchema,
  "investment-case": investmentCaseBodySchema,
} as const;
export type ComputeEngine = keyof typeof computeBodySchemas;
export const computeEngineSchema = z.enum(Object.keys(computeBodySchemas) as [ComputeEngine, ...ComputeEngine[]]);

/** The request body of an engine, as a caller writes it. */
export type ComputeBody<E extends ComputeEngine> = z.input<(typeof computeBodySchemas)[E]>;
