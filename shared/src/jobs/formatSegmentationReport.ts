import { DEFAULT_TIER_RULES } from "../segmentation";
import type { CompanySegmentation } from "./segmentCompany";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const money = (x: number) => Math.round(x).toLocaleString("en-US");

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The main job's printout: the ABC-XYZ matrix, demand patterns and customer tiers, as plain text. */
export function formatSegmentationReport(result: CompanySegmentation): string {
  const { matrix, abc, patterns } = result.products;
  const out: string[] = [];
  out.push(`Products: ${matrix.itemCount}, revenue ${money(matrix.totalValue)} over ${result.weeks} weeks`);
  out.push("");
  out.push("ABC-XYZ matrix (items / share of revenue)");
  out.push(
    table(
      ["", ...matrix.columns, "total"],
      matrix.rows.map((label, r) => {
        const cls = abc.classes[r];
        return [label, ...matrix.cells[r].map((cell) => `${cell.count} / ${pct(cell.valueShare)}`), `${cls.count} / ${pct(cls.valueShare)}`];
      }),
    ),
  );
  out.push("");
  out.push(
    `Demand patterns (Syntetos–Boylan): ${Object.entries(patterns)
      .map(([p, n]) => `${p} ${n}`)
      .join(", ")}`,
  );
  out.push("");
  const { tiers, byTierAndRegion, regions } = result.customers;
  const totalRevenue = tiers.reduce((s, t) => s + Math.max(0, t.revenue), 0);
  const tierLabels = DEFAULT_TIER_RULES.map((r) => r.label).filter((l) => tiers.some((t) => t.tier === l));
  out.push(`Customer tiers: ${tiers.length} customers`);
  out.push(
    table(
      ["tier", ...regions, "customers", "revenue share"],
      tierLabels.map((tier) => {
        const cells = regions.map((region) => byTierAndRegion.find((c) => c.tier === tier && c.region === region)?.customers ?? 0);
        const members = tiers.filter((t) => t.tier === tier);
        const revenue = members.reduce((s, t) => s + Math.max(0, t.revenue), 0);
        return [tier, ...cells.map(String), String(members.length), pct(totalRevenue > 0 ? revenue / totalRevenue : 0)];
      }),
    ),
  );
  return out.join("\n");
}
