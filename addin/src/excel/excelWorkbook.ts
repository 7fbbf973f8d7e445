import type { ChartSpec, ColumnValues, HeatMapSpec, TableData, TableTag, Workbook } from "../workbook/workbook";
import { drawChart } from "./charts";
import { applyHeatMap } from "./heatMap";
import { listTables, readSelection, readTable, writeColumns, writeTable } from "./tables";
import { managedTables, setTag } from "./tags";

/** The workbook the panes see inside Excel: each call one `Excel.run` over a function of this folder. */
export class ExcelWorkbook implements Workbook {
  readonly kind = "excel" as const;
  listTables() {
    return Excel.run((context) => listTables(context));
  }
  readTable(name: string) {
    return Excel.run((context) => readTable(context, name));
  }
  readSelection() {
    return Excel.run((context) => readSelection(context));
  }
  writeColumns(table: string, columns: ColumnValues[]) {
    return Excel.run((context) => writeColumns(context, table, columns));
  }
  writeTable(table: TableData) {
    return Excel.run((context) => writeTable(context, table));
  }
  drawChart(chart: ChartSpec) {
    return Excel.run((context) => drawChart(context, chart));
  }
  applyHeatMap(spec: HeatMapSpec) {
    return Excel.run((context) => applyHeatMap(context, spec));
  }
  managedTables() {
    return Excel.run((context) => managedTables(context));
  }
  setTag(table: string, tag: TableTag) {
    return Excel.run((context) => setTag(context, table, tag));
  }
}
