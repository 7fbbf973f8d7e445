import { formatCount, numberFormat } from "../recommendations/format";
import { formatShare, words } from "./kpiWords";

/*
 * A breach's drivers (GET /breaches `drivers`, ranked contributors per driver)
 * as lists a committee reads: what each is, its share of the total and the
 * figure behind the share. The wire gives per KPI either ranked lists
 * ({ id, value, share }) or a record of numbers per cause; a driver this
 * file does not know is still shown, named from its key.
 */

export interface CauseLine {
  label: string;
  /** "52%", or why there is no share */
  share: string;
  /** the figure behind it, with its unit: "31 missed lines" */
  figure: string;
}

export interface CauseSection {
  title: string;
  lines: CauseLine[];
}

const CAUSE_WORDS: Record<string, string> = {
  stock_out: "Stock-out (short although the supplier was on time)",
  supplier_late: "Supplier late",
  order_changed: "Order changed after entry",
  carrier_late: "Carrier late",
};

type Ranked = { id: string; value: number; share: number | null };

const isRanked = (x: unknown): x is Ranked[] => Array.isArray(x) && x.every((r) => typeof r === "object" && r !== null && typeof (r as Ranked).id === "string" && typeof (r as Ranked).value === "number");
const isNumberRecord = (x: unknown): x is Record<string, number | null> => typeof x === "object" && x !== null && !Array.isArray(x) && Object.values(x).every((v) => v === null || typeof v === "number");

const one = (x: number) => numberFormat(x, { maximumFractionDigits: 1 });
const share = (s: number | null) => (s === null ? "—" : formatShare(s));

/** What a ranked driver's value counts, per KPI and driver key. */
function figureOf(kpi: string, key: string, entity: string): { title: string; unit: (v: number) => string } {
  if (key === "activities") return { title: "Activities behind the cost", unit: (v) => `cost ${formatCount(v)}` };
  if (key === "excessItems") return { title: `${entity} holding stock above the turns target`, unit: (v) => `excess stock value ${formatCount(v)}` };
  if (key === "entities") {
    switch (kpi) {
      case "otif":
        return { title: `${entity} with the most missed lines`, unit: (v) => `${one(v)} missed lines` };
      case "fill_rate":
        return { title: `${entity} with the most lines not shipped complete`, unit: (v) => `${one(v)} lines short` };
      case "cost_to_serve_pct":
        return { title: `${entity} with the highest cost-to-serve`, unit: (v) => `cost ${formatCount(v)}` };
      case "forecast_wape":
        return { title: `${entity} with the largest forecast errors`, unit: (v) => `${one(v)} units off` };
    }
  }
  return { title: words(key), unit: one };
}

/**
 * The root-cause sections of one breach, in the order the wire gives them;
 * OTIF's causes come as two records (missed lines and their shares), read as one list.
 */
export function rootCauseSections(kpi: string, dimension: "product" | "customer", drivers: Record<string, unknown>): CauseSection[] {
  const entity = dimension === "product" ? "Products" : "Customers";
  const sections: CauseSection[] = [];
  const causes = isNumberRecord(drivers.causes) ? drivers.causes : undefined;
  const shares = isNumberRecord(drivers.causeShares) ? drivers.causeShares : undefined;
  if (causes || shares) {
    const keys = Object.keys({ ...causes, ...shares });
    const lines = keys
      .map((k) => {
        const count = causes?.[k] ?? null;
        const s = shares?.[k] ?? null;
        const notMeasured = count === null && s === null;
        return { k, s, line: { label: CAUSE_WORDS[k] ?? words(k), share: share(s), figure: notMeasured ? "not measured" : count === null ? "" : `${one(count)} missed lines` } };
      })
      // Largest share first; the causes the data cannot measure last, still listed so nobody reads them as zero.
      .sort((a, b) => (b.s ?? -1) - (a.s ?? -1))
      .map((x) => x.line);
    sections.push({ title: "Why lines were missed", lines });
  }
  for (const [key, value] of Object.entries(drivers)) {
    if (key === "causes" || key === "causeShares") continue;
    if (isRanked(value)) {
      const { title, unit } = figureOf(kpi, key, entity);
      sections.push({ title, lines: value.map((r) => ({ label: r.id, share: share(r.share), figure: unit(r.value) })) });
    } else if (isNumberRecord(value)) {
      sections.push({ title: words(key), lines: Object.entries(value).map(([k, v]) => ({ label: words(k), share: "", figure: v === null ? "not measured" : one(v) })) });
    }
  }
  return sections.filter((s) => s.lines.length > 0);
}

/** The first lines of the root cause as one short sentence, for a sheet cell: "Stock-out 52%; Order changed after entry 43%". */
export function rootCauseSummary(kpi: string, dimension: "product" | "customer", drivers: Record<string, unknown>, top = 3): string {
  const first = rootCauseSections(kpi, dimension, drivers)[0];
  if (!first) return "";
  return `${first.title}: ${first.lines
    .filter((l) => l.figure !== "not measured")
    .slice(0, top)
    .map((l) => `${l.label.replace(/ \(.*\)$/, "")} ${l.share}`.trim())
    .join("; ")}`;
}
