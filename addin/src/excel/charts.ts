import { AXIS_NUMBER_FORMAT, headerWords, isShareColumn, referenceLinesFor, SHARE_AXIS_FORMAT, SHARE_FORMAT } from "../workbook/resultFormats";
import { columnIndex, type ChartSpec } from "../workbook/workbook";
import { writeColumns } from "./tables";

/** The grey of Excel's gridlines, dashed: a reference line reads as a guide, not as data. */
const REFERENCE_COLOR = "#7F7F7F";

function formatAxis(axis: Excel.ChartAxis, column: string, share: boolean) {
  axis.title.text = headerWords(column);
  axis.numberFormat = share ? SHARE_AXIS_FORMAT : AXIS_NUMBER_FORMAT;
}

/**
 * A native chart over a table's columns, beside the table: bars for
 * `barColumn`, a line on the secondary axis for `lineColumn` (a Pareto chart
 * is both; a whale curve is the line alone), axis titles in words, a % axis
 * for shares, and dashed reference lines (each a constant column added to the
 * table, since a series can only plot cells). A chart of the same title is
 * replaced, so running again does not pile charts up.
 */
export async function drawChart(context: Excel.RequestContext, spec: ChartSpec): Promise<void> {
  if (spec.kind === "scatter") return drawScatter(context, spec);
  const first = spec.barColumn ?? spec.lineColumn;
  if (!first) throw new Error(`chart "${spec.title}" needs a bar or a line column`);
  const table = context.workbook.tables.getItem(spec.table);
  // A navigation property: it names the sheet for later calls and needs no load (the rule cannot tell).
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const sheet = table.worksheet;
  const existing = sheet.charts.getItemOrNullObject(spec.title);
  const header = table.getHeaderRowRange().load("values");
  const body = table.getDataBodyRange().load("rowCount");
  await context.sync();
  if (!existing.isNullObject) existing.delete();
  const headers = header.values[0].map(String);
  const references = referenceLinesFor(spec);
  if (references.length > 0) {
    const lineIsShare = spec.lineColumn !== undefined && isShareColumn(spec.lineColumn);
    await writeColumns(
      context,
      spec.table,
      references.map((line) => ({ header: line.label, values: new Array<number>(body.rowCount).fill(line.value), numberFormat: lineIsShare ? SHARE_FORMAT : undefined })),
    );
    // writeColumns appends the labels the table lacked, in this order.
    for (const line of references) if (columnIndex(headers, line.label) < 0) headers.push(line.label);
  }
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
  firstSeries.name = headerWords(first);
  firstSeries.setXAxisValues(categories);
  chart.axes.categoryAxis.title.text = headerWords(spec.categoryColumn);
  formatAxis(chart.axes.valueAxis, first, isShareColumn(first));
  const lineGroup = spec.barColumn && spec.lineColumn ? "Secondary" : "Primary";
  if (spec.barColumn && spec.lineColumn) {
    const line = chart.series.add(headerWords(spec.lineColumn));
    line.setValues(column(spec.lineColumn));
    line.setXAxisValues(categories);
    line.chartType = "Line";
    line.axisGroup = "Secondary";
    const share = isShareColumn(spec.lineColumn);
    const secondary = chart.axes.getItem("Value", "Secondary");
    formatAxis(secondary, spec.lineColumn, share);
    // A cumulative share ends at 100 %: pin the axis there so the curve's flattening is visible.
    if (share) secondary.maximum = 1;
  }
  for (const reference of references) {
    const series = chart.series.add(reference.label);
    series.setValues(column(reference.label));
    series.setXAxisValues(categories);
    series.chartType = "Line";
    series.axisGroup = lineGroup;
    series.markerStyle = "None";
    series.format.line.lineStyle = "Dash";
    series.format.line.color = REFERENCE_COLOR;
  }
  chart.setPosition(sheet.getRangeByIndexes(1, headers.length + 1, 1, 1));
  await context.sync();
}

/**
 * A map-like XY scatter (Excel.ChartType.xyscatter): one series per group of
 * rows (the rows sharing a seriesColumn value, written as one block), so each
 * group gets its own colour and legend entry.
 */
async function drawScatter(context: Excel.RequestContext, spec: ChartSpec): Promise<void> {
  if (!spec.xColumn || !spec.yColumn || !spec.seriesColumn) throw new Error(`scatter chart "${spec.title}" needs x, y and series columns`);
  const table = context.workbook.tables.getItem(spec.table);
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
  const sheet = table.worksheet;
  const existing = sheet.charts.getItemOrNullObject(spec.title);
  const header = table.getHeaderRowRange().load("values");
  await context.sync();
  if (!existing.isNullObject) existing.delete();
  const headers = header.values[0].map(String);
  const columnOf = (name: string) => {
    const index = columnIndex(headers, name);
    if (index < 0) throw new Error(`table ${spec.table} has no column "${name}"`);
    return table.columns.getItemAt(index).getDataBodyRange();
  };
  const groups = columnOf(spec.seriesColumn).load("values");
  await context.sync();
  const blocks: Array<{ name: string; start: number; count: number }> = [];
  groups.values.forEach((row, i) => {
    const name = String(row[0]);
    const last = blocks.at(-1);
    if (last && last.name === name) last.count++;
    else blocks.push({ name, start: i, count: 1 });
  });
  if (blocks.length === 0) throw new Error(`table ${spec.table} has no rows to plot`);
  const slice = (range: Excel.Range, b: { start: number; count: number }) => range.getRow(b.start).getResizedRange(b.count - 1, 0);
  const xs = columnOf(spec.xColumn);
  const ys = columnOf(spec.yColumn);
  // The string form of Excel.ChartType.xyscatter: the enum object is not there outside Office.
  const chart = sheet.charts.add("XYScatter", slice(ys, blocks[0]), "Columns");
  chart.name = spec.title;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  blocks.forEach((b, k) => {
    const series = k === 0 ? chart.series.getItemAt(0) : chart.series.add(b.name);
    series.name = b.name;
    series.setValues(slice(ys, b));
    series.setXAxisValues(slice(xs, b));
    series.markerSize = /DC/.test(b.name) ? 9 : 5;
  });
  chart.axes.categoryAxis.title.text = headerWords(spec.xColumn);
  chart.axes.valueAxis.title.text = headerWords(spec.yColumn);
  chart.setPosition(sheet.getRangeByIndexes(1, headers.length + 1, 1, 1));
  await context.sync();
}
