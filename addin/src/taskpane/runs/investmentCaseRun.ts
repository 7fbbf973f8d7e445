import type { CostDrivers } from "../../../../shared/src/api";
import { investmentCase, type CaseOutcome, type InvestmentCase, type InvestmentCaseInput } from "../../../../shared/src/cost";
import type { ServiceClient } from "../../api/serviceClient";
import { QUANTITY_FORMAT, SHARE_FORMAT, moneyFormat } from "../../workbook/resultFormats";
import type { CellValue, Workbook } from "../../workbook/workbook";
import { NETWORK_SEGMENTS_TABLE } from "../panes/network/networkRun";
import type { Step } from "../ui/useOperation";
import { requireColumn } from "./tableInput";

export const INVESTMENT_TABLE = "TierlineInvestmentCase";
const PAYBACK_FORMAT = "0.00";

export type CaseProposal =
  | { kind: "automation"; activity: string; rate: number; shareRemoved: number; segments: Array<{ segment: string; yearlyVolume: number }> }
  | { kind: "network"; segments: Array<{ segment: string; currentVariableCost: number; chosenVariableCost: number; currentFixedCost: number; chosenFixedCost: number }> };

export interface InvestmentCaseOptions {
  proposal: CaseProposal;
  oneOffCost: number;
  yearlyRunningCost: number;
  discountRate: number;
  horizonYears: number;
  engine: "service" | "browser";
}

/** The service's yearly driver volumes per customer segment and the rates in force (GET /cost-to-serve/drivers). */
export function readCostDrivers(client: ServiceClient, signal?: AbortSignal): Promise<CostDrivers> {
  return client.call("readCostDrivers", {}, { signal });
}

/** An automation over the stored drivers: the chosen segments' yearly volume of the activity, at its rate in force. */
export function automationProposal(drivers: CostDrivers, activity: string, shareRemoved: number, segments: readonly string[]): CaseProposal {
  const found = drivers.activities.find((a) => a.activity === activity);
  if (!found) throw new Error(`Activity "${activity}" is not in the service's rate table; pick one of ${drivers.activities.map((a) => a.activity).join(", ")}.`);
  const chosen = new Set(segments);
  const rows = drivers.segments.filter((s) => chosen.has(s.segment));
  if (rows.length === 0) throw new Error("Pick at least one segment whose volume the automation removes.");
  return { kind: "automation", activity, rate: found.rate, shareRemoved, segments: rows.map((s) => ({ segment: s.segment, yearlyVolume: s.yearlyVolumes[activity] ?? 0 })) };
}

/**
 * A network change from the last design the Network pane wrote: per segment,
 * today's and the chosen network's transport + handling (they scale with
 * volume) and share of DC fixed cost (it does not).
 */
export async function networkProposalFromSheet(workbook: Workbook): Promise<CaseProposal> {
  const tables = await workbook.listTables();
  if (!tables.some((t) => t.name === NETWORK_SEGMENTS_TABLE)) throw new Error(`No network design in this workbook yet: run one in the Network pane (it writes ${NETWORK_SEGMENTS_TABLE}).`);
  const data = await workbook.readTable(NETWORK_SEGMENTS_TABLE);
  const at = (h: string) => requireColumn(data, h);
  const [segment, network, transport, handling, fixed] = ["Segment", "Network", "TransportCost", "HandlingCost", "FixedCostShare"].map(at);
  const by = new Map<string, { current?: [number, number]; chosen?: [number, number] }>();
  data.rows.forEach((row, i) => {
    const money = (j: number, h: string) => {
      const v = Number(row[j]);
      if (row[j] === null || row[j] === "" || !Number.isFinite(v)) throw new Error(`${NETWORK_SEGMENTS_TABLE}, row ${i + 1}, column ${h}: expected a number, got "${String(row[j] ?? "")}"`);
      return v;
    };
    const key = String(row[segment]);
    const entry = by.get(key) ?? by.set(key, {}).get(key)!;
    const costs: [number, number] = [money(transport, "TransportCost") + money(handling, "HandlingCost"), money(fixed, "FixedCostShare")];
    if (row[network] === "Current") entry.current = costs;
    else if (row[network] === "Chosen") entry.chosen = costs;
  });
  const segments = [...by].filter(([, e]) => e.current && e.chosen);
  if (segments.length === 0) throw new Error(`The last network design has no current network to compare with: flag today's DCs as current and run it again.`);
  return {
    kind: "network",
    segments: segments.map(([s, e]) => ({ segment: s, currentVariableCost: e.current![0], chosenVariableCost: e.chosen![0], currentFixedCost: e.current![1], chosenFixedCost: e.chosen![1] })),
  };
}

const volumeWords = (change: number) => (change === 0 ? "Net cash flow" : `Volume ${change > 0 ? "+" : "−"}${Math.round(Math.abs(change) * 100)} %`);

/**
 * The case (NPV, payback, ±20 % volume) on the service or in this browser,
 * written to TierlineInvestmentCase: a row per segment's saving, the running
 * and one-off costs, the net cash flow by year, and the sensitivity rows,
 * each with its yearly cash flows in Year0…YearH.
 */
export async function runInvestmentCase(workbook: Workbook, client: ServiceClient | undefined, options: InvestmentCaseOptions, step: Step): Promise<InvestmentCase> {
  const { signal } = step;
  const input: InvestmentCaseInput = { proposal: options.proposal, oneOffCost: options.oneOffCost, yearlyRunningCost: options.yearlyRunningCost, discountRate: options.discountRate, horizonYears: options.horizonYears };
  step.progress(0, 2, `Computing the case (${options.engine === "service" ? "on the service" : "in this browser"})`);
  let result: InvestmentCase;
  if (options.engine === "service") {
    if (!client) throw new Error("Computing on the service needs a sign-in (Settings), or choose “In this browser”.");
    result = await client.compute("investment-case", input as never, { signal });
  } else {
    result = investmentCase(input);
  }
  step.progress(1, 2, "Writing the investment case");
  signal.throwIfAborted();
  await writeCase(workbook, result, options.proposal);
  step.progress(2, 2, "Done");
  return result;
}

/** Cents on the sheet, as the other cost-to-serve sheets write money. */
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

async function writeCase(workbook: Workbook, c: InvestmentCase, proposal: CaseProposal): Promise<void> {
  const years = Array.from({ length: c.horizonYears + 1 }, (_, t) => `Year${t}`);
  const each = (x: number): CellValue[] => [null, ...new Array<CellValue>(c.horizonYears).fill(r2(x))];
  const removed = c.segments.every((s) => s.volumeRemoved === null) ? null : c.segments.reduce((a, s) => a + (s.volumeRemoved ?? 0), 0);
  const payback = (o: CaseOutcome): CellValue => (o.paybackYears === "never" ? "never" : r2(o.paybackYears));
  const flows = (o: CaseOutcome): CellValue[] => [r2(-c.oneOffCost), ...new Array<CellValue>(c.horizonYears).fill(r2(o.netYearlySaving))];
  const rows: CellValue[][] = [
    ...c.segments.map((s) => ["Saving", s.segment, 0, r2(s.volumeRemoved), r2(s.yearlySaving), null, null, ...each(s.yearlySaving)]),
    ["Running cost", "", 0, null, r2(-c.yearlyRunningCost), null, null, ...each(-c.yearlyRunningCost)],
    ["One-off cost", "", 0, null, null, null, null, r2(-c.oneOffCost), ...new Array<CellValue>(c.horizonYears).fill(null)],
    ...c.sensitivity.map((o) => [volumeWords(o.volumeChange), "All", o.volumeChange, removed === null ? null : r2(removed * (1 + o.volumeChange)), r2(o.netYearlySaving), r2(o.npv), payback(o), ...flows(o)]),
    [assumptions(c, proposal), "", null, null, null, null, null, ...new Array<CellValue>(c.horizonYears + 1).fill(null)],
  ];
  const headers = ["Line", "Segment", "VolumeChange", "VolumeRemoved", "YearlySaving", "Npv", "PaybackYears", ...years];
  await workbook.writeTable({ name: INVESTMENT_TABLE, headers, rows });
  // Money with the workbook's currency, the volume change as a %, payback in years: the header rules alone would show −0.2 and 2.5 as plain numbers.
  const money = moneyFormat(await workbook.currency());
  const column = (header: string, numberFormat: string) => ({ header, numberFormat, values: rows.map((r) => r[headers.indexOf(header)]) });
  await workbook.writeColumns(INVESTMENT_TABLE, [
    column("VolumeChange", SHARE_FORMAT),
    column("VolumeRemoved", QUANTITY_FORMAT),
    column("YearlySaving", money),
    column("Npv", money),
    column("PaybackYears", PAYBACK_FORMAT),
    ...years.map((y) => column(y, money)),
  ]);
}

function assumptions(c: InvestmentCase, proposal: CaseProposal): string {
  const rate = `discount rate ${(c.discountRate * 100).toFixed(1)} % over ${c.horizonYears} years`;
  if (proposal.kind === "network") return `Network change from the last design: transport and handling scale with volume, DC fixed cost does not; ${rate}`;
  return `Automating ${Math.round(proposal.shareRemoved * 1000) / 10} % of ${proposal.activity} at ${proposal.rate.toLocaleString("en-US", { maximumFractionDigits: 4 })} a unit; ${rate}`;
}
