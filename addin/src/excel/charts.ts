import { columnIndex, type ChartSpec } from "../workbook/workbook";

/**
 * A native chart over a table's columns, beside the table: bars for
 * `barColumn`, a line on the secondary axis for `lineColumn` (a Pareto chart
 * is both; a whale curve is the line alone). A chart of the same title is
 * replaced, so running again does not pile charts up.
 */
export async function drawChart(context: Excel.RequestContext, spec: ChartSpec): Promise<void> {
  const first = spec.barColumn ?? spec.lineColumn;
  if (!first) throw new Error(`chart "${spec.title}" needs a bar or a line column`);
  const table = context.workbook.tables.getItem(spec.table);
  // A navigation property: it names the sheet for later calls and needs no load (the rule cannot tell).
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const sheet = table.worksheet;
  const existing = sheet.charts.getItemOrNullObject(spec.title);
  const header = table.getHeaderRowRange().load("values");
  await context.sync();
  if (!existing.isNullObject) existing.delete();
  const headers = header.values[0].map(String);
  const column = (name: string) => {
    const index = columnIndex(headers, name);
    if (index < 0) throw new Error(`table ${spec.table} has no column "${name}"`);
    return table.columns.getItemAt(index).getDataBodyRange();
  };
  const categories = column(spec.categoryColumn);
  const chart = sheet.charts.add(spec.barColumn ? "ColumnClustered" : "Line", column(first), "Columns");
  chart.name = spec.title;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  const firstSeries = chart.series.getItemAt(0);
  firstSeries.name = first;
  firstSeries.setXAxisValues(categories);
  if (spec.barColumn && spec.lineColumn) {
    const line = chart.series.add(spec.lineColumn);
    line.setValues(column(spec.lineColumn));
    line.setXAxisValues(categories);
    line.chartType = "Line";
    line.axisGroup = "Secondary";
  }
  chart.setPosition(sheet.getRangeByIndexes(1, headers.length + 1, 1, 1));
  await context.sync();
}
