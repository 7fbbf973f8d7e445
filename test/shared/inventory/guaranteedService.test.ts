/**
 * The Graves–Willems guaranteed-service DP against Snyder & Shen's ch. 6
 * instances (test/fixtures/inventory/snyder_shen_gsm.json names the source),
 * against brute-force enumeration on small random trees, and on bad networks.
 */
import fc from "fast-check";
import { DomainError } from "../../../shared/src/errors";
import { solveGuaranteedService, type GsmStage } from "../../../shared/src/inventory";
import { createRng } from "../../../shared/src/random";
import book from "../../fixtures/inventory/snyder_shen_gsm.json";

type Instance = (typeof book.instances)[number] & { stages?: GsmStage[]; arcs?: string[][]; camera?: number; problem_6_9?: number[]; serviceLevel?: number; safetyFactor?: number };

function build(inst: Instance): { stages: GsmStage[]; arcs: string[][] } {
  if (inst.camera !== undefined) {
    const stages = book.camera_network.stages.map((s) => (s.id === "Build_Test_Pack" ? { ...s, maxOutboundServiceTime: inst.camera } : s));
    return { stages, arcs: book.camera_network.arcs };
  }
  if (inst.problem_6_9 !== undefined) {
    const [s1, s2] = inst.problem_6_9;
    const stages = book.problem_6_9_network.stages.map((s) => (s.id === "1" ? { ...s, maxOutboundServiceTime: s1 } : s.id === "2" ? { ...s, maxOutboundServiceTime: s2 } : s));
    return { stages, arcs: book.problem_6_9_network.arcs };
  }
  return { stages: inst.stages!, arcs: inst.arcs! };
}

describe("Snyder & Shen ch. 6 instances", () => {
  it.each((book.instances as Instance[]).map((i) => [i.name, i]))("%s", (_name, inst) => {
    const { stages, arcs } = build(inst as Instance);
    const r = solveGuaranteedService({
      stages,
      arcs: arcs.map(([from, to]) => ({ from, to })),
      serviceLevel: (inst as Instance).serviceLevel,
      safetyFactor: (inst as Instance).safetyFactor,
    });
    expect(r.totalHoldingCost).toBeCloseTo((inst as Instance).expected.cost, 9);
    expect(Object.fromEntries(r.stages.map((s) => [s.id, s.serviceTime]))).toEqual((inst as Instance).expected.serviceTimes);
    for (const s of r.stages) {
      expect(s.netLeadTime).toBeGreaterThanOrEqual(0);
      expect(s.safetyStock).toBeCloseTo(r.safetyFactor * s.demandSd * Math.sqrt(s.netLeadTime), 12);
    }
  });

  it("an internal stage carries √(Σ σ²) of the demand stages it serves (Problem 6.9: √(4.1² + 6.2²))", () => {
    const { stages, arcs } = build(book.instances[6] as Instance);
    const r = solveGuaranteedService({ stages, arcs: arcs.map(([from, to]) => ({ from, to })), safetyFactor: 4 });
    expect(r.stages.find((s) => s.id === "3")!.demandSd).toBeCloseTo(Math.hypot(4.1, 6.2), 14);
  });

  it("a single stage holds z·σ·√T (stockpyl's single-stage instance: 2)", () => {
    const r = solveGuaranteedService({ stages: [{ id: "1", processingTime: 1, holdingCost: 1, demandSd: 1 }], arcs: [], safetyFactor: 2 });
    expect(r.totalHoldingCost).toBe(2);
  });
});

/** Every assignment of integer service times, checked against the constraints: the definition of the optimum. */
function bruteForce(stages: Array<{ T: number; h: number; sd: number; sOut: number; sIn: number }>, arcs: Array<[number, number]>, z: number): number {
  const n = stages.length;
  const preds = stages.map((_, k) => arcs.filter(([, to]) => to === k).map(([from]) => from));
  const succs = stages.map((_, k) => arcs.filter(([from]) => from === k).map(([, to]) => to));
  const sigma = new Array<number>(n).fill(0);
  const varOf = (k: number): number => (succs[k].length === 0 ? stages[k].sd ** 2 : succs[k].reduce((s, j) => s + varOf(j), 0));
  for (let k = 0; k < n; k++) sigma[k] = Math.sqrt(varOf(k));
  const horizon = stages.reduce((s, x) => s + x.T, 0) + Math.max(...stages.map((x) => x.sIn));
  let best = Infinity;
  const S = new Array<number>(n).fill(0);
  const visit = (k: number) => {
    if (k === n) {
      let cost = 0;
      for (let j = 0; j < n; j++) {
        const si = preds[j].length ? Math.max(...preds[j].map((i) => S[i])) : stages[j].sIn;
        const nlt = si + stages[j].T - S[j];
        if (nlt < 0) return;
        if (succs[j].length === 0 && S[j] > stages[j].sOut) return;
        cost += stages[j].h * z * sigma[j] * Math.sqrt(nlt);
      }
      best = Math.min(best, cost);
      return;
    }
    for (let s = 0; s <= horizon; s++) {
      S[k] = s;
      visit(k + 1);
    }
  };
  visit(0);
  return best;
}

describe("the DP is exact", () => {
  it("equals brute-force enumeration on random trees of up to 5 stages (serial, assembly, distribution, mixed)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const rng = createRng(seed);
        const arcs: Array<[number, number]> = [];
        for (let k = 1; k < n; k++) {
          const other = rng.int(0, k - 1);
          arcs.push(rng.bernoulli(0.5) ? [other, k] : [k, other]);
        }
        const hasSucc = (k: number) => arcs.some(([from]) => from === k);
        const hasPred = (k: number) => arcs.some(([, to]) => to === k);
        const stages = Array.from({ length: n }, (_, k) => ({ T: rng.int(0, 3), h: 0.5 + rng.next(), sd: hasSucc(k) ? 0 : 1 + rng.int(0, 3), sOut: hasSucc(k) ? 0 : rng.int(0, 2), sIn: hasPred(k) ? 0 : rng.int(0, 2) }));
        const r = solveGuaranteedService({
          stages: stages.map((s, k) => ({
            id: `s${k}`,
            processingTime: s.T,
            holdingCost: s.h,
            demandSd: hasSucc(k) ? undefined : s.sd,
            maxOutboundServiceTime: hasSucc(k) ? undefined : s.sOut,
            inboundServiceTime: hasPred(k) ? undefined : s.sIn,
          })),
          arcs: arcs.map(([from, to]) => ({ from: `s${from}`, to: `s${to}` })),
          safetyFactor: 1.5,
        });
        expect(r.totalHoldingCost).toBeCloseTo(bruteForce(stages, arcs, 1.5), 9);
      }),
      { numRuns: 60 },
    );
  });
});

describe("bad networks name the stage or arc", () => {
  const stage = (id: string, extra: Partial<GsmStage> = {}): GsmStage => ({ id, processingTime: 1, holdingCost: 1, ...extra });
  const cases: Array<[string, Parameters<typeof solveGuaranteedService>[0], string]> = [
    [
      "a cycle",
      {
        stages: [stage("A"), stage("B"), stage("C", { demandSd: 1 })],
        arcs: [
          { from: "A", to: "B" },
          { from: "B", to: "A" },
          { from: "B", to: "C" },
        ],
        serviceLevel: 0.95,
      },
      'arcs[1]: the arc "B" → "A" closes a cycle',
    ],
    ["a disconnected graph", { stages: [stage("A", { demandSd: 1 }), stage("B", { demandSd: 1 })], arcs: [], serviceLevel: 0.95 }, 'stages[1]: stage "B" is not connected to stage "A"'],
    ["an unknown id", { stages: [stage("A", { demandSd: 1 })], arcs: [{ from: "Z", to: "A" }], serviceLevel: 0.95 }, 'arcs[0].from: unknown stage id "Z"'],
    ["a negative time", { stages: [stage("A", { demandSd: 1, processingTime: -1 })], arcs: [], serviceLevel: 0.95 }, "stages[0].processingTime: must be ≥ 0, got -1"],
    ["a demand sd on a stage with successors", { stages: [stage("A", { demandSd: 3 }), stage("B", { demandSd: 1 })], arcs: [{ from: "A", to: "B" }], serviceLevel: 0.95 }, 'stages[0].demandSd: stage "A" has successors'],
    ["a demand stage without sd", { stages: [stage("A")], arcs: [], serviceLevel: 0.95 }, 'stages[0].demandSd: demand stage "A" needs a demand sd'],
    ["a duplicate id", { stages: [stage("A", { demandSd: 1 }), stage("A", { demandSd: 1 })], arcs: [], serviceLevel: 0.95 }, 'stages[1].id: duplicate stage id "A"'],
    ["a service level of 1", { stages: [stage("A", { demandSd: 1 })], arcs: [], serviceLevel: 1 }, "serviceLevel: must be > 0 and < 1, got 1"],
  ];
  it.each(cases)("%s", (_what, input, message) => {
    expect(() => solveGuaranteedService(input)).toThrow(DomainError);
    expect(() => solveGuaranteedService(input)).toThrow(message);
  });
});
