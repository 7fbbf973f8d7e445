import { columnIndex, type HeatMapSpec } from "../workbook/workbook";

/**
 * A heat map as native conditional formatting: one three-colour scale
 * (lowest → 50th percentile → highest) over the block of the given columns,
 * so every cell is coloured on the same scale. Earlier formats on the block
 * are cleared first, so applying it again does not stack rules.
 */
export async function applyHeatMap(context: Excel.RequestContext, spec: HeatMapSpec): Promise<void> {
  if (spec.columns.length === 0) throw new Error(`heat map on ${spec.table}: no columns given`);
  const table = context.workbook.tables.getItem(spec.table);
  const header = table.getHeaderRowRange().load("values");
  await context.sync();
  const headers = header.values[0].map(String);
  const indexes = spec.columns.map((name) => {
    const index = columnIndex(headers, name);
    if (index < 0) throw new Error(`table ${spec.table} has no column "${name}"`);
    return index;
  });
  const body = table.getDataBodyRange();
  const block = body.getColumn(Math.min(...indexes)).getBoundingRect(body.getColumn(Math.max(...indexes)));
  block.conditionalFormats.clearAll();
  const format = block.conditionalFormats.add("ColorScale");
  format.colorScale.criteria = {
    minimum: { formula: undefined, type: "LowestValue", color: spec.lowColor },
    midpoint: { formula: "50", type: "Percentile", color: spec.midColor },
    maximum: { formula: undefined, type: "HighestValue", color: spec.highColor },
  };
  await context.sync();
}
