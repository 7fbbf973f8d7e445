/*
 * Incentives on profitability after cost-to-serve: each account's margin
 * after cost-to-serve (gross margin − activity cost, Kaplan & Narayanan 2001,
 * "Measuring and managing customer profitability", J. Cost Management 15(5))
 * earns its owner a share; an account whose margin-after-CTS % is below its
 * segment's floor earns nothing. Paying on margin after cost-to-serve rather
 * than on revenue rewards the rep for what the account earns, not for volume
 * that costs more to serve than it brings in.
 *
 * Loss-making accounts above their floor (or in a segment without one) net
 * against the owner's profitable ones: the plan pays on the owner's whole
 * portfolio. Only figures, no payroll.
 */

export interface IncentiveAccount {
  customerId: string;
  /** null: no account owner */
  owner: string | null;
  /** null: not in a customer segment */
  segment: string | null;
  revenue: number;
  grossMargin: number;
  costToServe: number;
}

export interface IncentivePlanInput {
  share: number;
  floors: ReadonlyArray<{ segment: string; minMarginPct: number }>;
}

export interface IncentiveFigures {
  customers: number;
  revenue: number;
  grossMargin: number;
  costToServe: number;
  marginAfterCts: number;
  marginAfterCtsPct: number | null;
  incentive: number | null;
}

export interface IncentiveOwnerFigures extends IncentiveFigures {
  owner: string;
  belowFloor: number;
}

export interface IncentiveSegmentFigures extends IncentiveFigures {
  owner: string;
  segment: string;
  floor: number | null;
  belowFloor: number;
  marginBelowFloor: number;
}

export interface IncentiveFiguresResult {
  owners: IncentiveOwnerFigures[];
  segments: IncentiveSegmentFigures[];
  totals: IncentiveFigures;
}

interface Sum {
  customers: number;
  revenue: number;
  grossMargin: number;
  costToServe: number;
  incentive: number;
  belowFloor: number;
  marginBelowFloor: number;
}

const emptySum = (): Sum => ({ customers: 0, revenue: 0, grossMargin: 0, costToServe: 0, incentive: 0, belowFloor: 0, marginBelowFloor: 0 });

function figures(s: Sum, planned: boolean): IncentiveFigures {
  const marginAfterCts = s.grossMargin - s.costToServe;
  return {
    customers: s.customers,
    revenue: s.revenue,
    grossMargin: s.grossMargin,
    costToServe: s.costToServe,
    marginAfterCts,
    marginAfterCtsPct: s.revenue > 0 ? marginAfterCts / s.revenue : null,
    incentive: planned ? s.incentive : null,
  };
}

/**
 * Per owner and per owner × segment: revenue, gross margin, cost-to-serve,
 * margin after cost-to-serve, its % of revenue, and the incentive under the
 * plan (null without one). An account without revenue has no % and so no
 * floor can bite it; its margin after CTS still counts.
 *
 * @param noOwner the row name of accounts without an owner
 * @param noSegment the segment name of accounts without a segment
 * @example
 * incentiveFigures([{ customerId: "C1", owner: "Ann", segment: "A", revenue: 1000, grossMargin: 300, costToServe: 100 }], { share: 0.03, floors: [] }, "(no owner)", "(no segment)").owners[0].incentive; // 6 (3 % of 200)
 */
export function incentiveFigures(accounts: readonly IncentiveAccount[], plan: IncentivePlanInput | null, noOwner: string, noSegment: string): IncentiveFiguresResult {
  const floors = new Map((plan?.floors ?? []).map((f) => [f.segment, f.minMarginPct]));
  const owners = new Map<string, Sum>();
  const cells = new Map<string, { owner: string; segment: string; sum: Sum }>();
  const total = emptySum();
  for (const a of accounts) {
    const owner = a.owner ?? noOwner;
    const segment = a.segment ?? noSegment;
    const mac = a.grossMargin - a.costToServe;
    const floor = floors.get(segment);
    const bites = floor !== undefined && a.revenue > 0 && mac / a.revenue < floor;
    const earned = plan && !bites ? plan.share * mac : 0;
    const key = JSON.stringify([owner, segment]);
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { owner, segment, sum: emptySum() }));
    let o = owners.get(owner);
    if (!o) owners.set(owner, (o = emptySum()));
    for (const s of [cell.sum, o, total]) {
      s.customers += 1;
      s.revenue += a.revenue;
      s.grossMargin += a.grossMargin;
      s.costToServe += a.costToServe;
      s.incentive += earned;
      if (bites) {
        s.belowFloor += 1;
        s.marginBelowFloor += mac;
      }
    }
  }
  const planned = plan !== null;
  // Owners by name, the accounts without one last: the compensation sheet lists people first.
  const order = (x: string, y: string) => (x === noOwner ? 1 : 0) - (y === noOwner ? 1 : 0) || x.localeCompare(y);
  return {
    owners: [...owners].sort(([x], [y]) => order(x, y)).map(([owner, s]) => ({ owner, ...figures(s, planned), belowFloor: s.belowFloor })),
    segments: [...cells.values()]
      .sort((x, y) => order(x.owner, y.owner) || x.segment.localeCompare(y.segment))
      .map(({ owner, segment, sum }) => ({
        owner,
        segment,
        ...figures(sum, planned),
        floor: floors.get(segment) ?? null,
        belowFloor: sum.belowFloor,
        marginBelowFloor: sum.marginBelowFloor,
      })),
    totals: figures(total, planned),
  };
}
