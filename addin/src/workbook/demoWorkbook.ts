import { demoTables } from "./demoData";
import { referenceLinesFor, type Currency } from "./resultFormats";
import { columnLetter, sheetExtent, type ExampleSheet } from "./examples";
import { columnIndex, isManagedName, type CellValue, type ChangeMarks, type ChartSpec, type ColumnValues, type HeatMapSpec, type TableData, type TableTag, type Workbook } from "./workbook";

export interface DemoState {
  tables: TableData[];
  charts: ChartSpec[];
  heatMaps: HeatMapSpec[];
  tags: Record<string, TableTag>;
  /** the table the grid shows: what "the current selection" means outside Excel */
  active: string;
  /** filled cells of changed segments, by table (what Excel shows as CHANGED_FILL) */
  marks: Record<string, { column: string; rows: number[] }>;
  /** per table, the column filter the grid applies to its shown rows (as Excel's AutoFilter) */
  filters: Record<string, { column: string; values: string[] }>;
  /** the selected data row of the active table, after "Go to row" */
  selectedRow?: number;
  /** the service URL recorded in the workbook's settings */
  serviceUrl?: string;
  /** how many times service-backed cells were asked to recalculate */
  recalculations: number;
}

/**
 * The in-page workbook used outside Excel: the same operations as the Excel
 * edge on plain arrays, observable so the demo grid redraws after each write.
 * Every method is async, like Excel's, so the panes cannot tell them apart.
 */
export class DemoWorkbook implements Workbook {
  readonly kind = "demo" as const;
  private state: DemoState;
  private readonly listeners = new Set<(state: DemoState) => void>();

  /** The demo has no culture to read a currency from: money is shown without a symbol unless one is given. */
  private readonly money: Currency | undefined;

  constructor(initial: { tables: TableData[]; tags?: Record<string, TableTag>; serviceUrl?: string; currency?: Currency } = demoTables()) {
    this.money = initial.currency;
    this.state = { tables: initial.tables, charts: [], heatMaps: [], tags: { ...initial.tags }, marks: {}, filters: {}, active: initial.tables[0]?.name ?? "", recalculations: 0, serviceUrl: initial.serviceUrl };
  }

  snapshot(): DemoState {
    return this.state;
  }

  subscribe(listener: (state: DemoState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  activate(name: string): void {
    this.table(name);
    this.update({ active: name, selectedRow: undefined });
  }

  private update(patch: Partial<DemoState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  private table(name: string): TableData {
    const table = this.state.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!table) throw new Error(`the workbook has no table "${name}"`);
    return table;
  }

  async listTables() {
    return this.state.tables.map((t) => ({ name: t.name, headers: [...t.headers], rowCount: t.rows.length }));
  }

  async readTable(name: string): Promise<TableData> {
    const t = this.table(name);
    return { name: t.name, headers: [...t.headers], rows: t.rows.map((r) => [...r]) };
  }

  async readSelection(): Promise<TableData> {
    return this.readTable(this.state.active);
  }

  async writeColumns(tableName: string, columns: ColumnValues[]): Promise<void> {
    const t = this.table(tableName);
    const headers = [...t.headers];
    const rows = t.rows.map((r) => [...r]);
    for (const column of columns) {
      if (column.values.length !== rows.length) throw new Error(`column "${column.header}" has ${column.values.length} values but table ${t.name} has ${rows.length} rows`);
      let index = columnIndex(headers, column.header);
      if (index < 0) {
        headers.push(column.header);
        index = headers.length - 1;
      }
      rows.forEach((row, i) => {
        while (row.length < headers.length) row.push(null);
        row[index] = column.values[i];
      });
    }
    this.replace({ name: t.name, headers, rows });
  }

  async deleteColumns(tableName: string, columns: string[]): Promise<void> {
    const t = this.table(tableName);
    const drop = new Set(columns.map((c) => columnIndex(t.headers, c)).filter((i) => i >= 0));
    if (drop.size === 0) return;
    this.replace({ name: t.name, headers: t.headers.filter((_, j) => !drop.has(j)), rows: t.rows.map((r) => r.filter((_, j) => !drop.has(j))) });
  }

  async filterTable(tableName: string, column: string, values: string[] | undefined): Promise<void> {
    const t = this.table(tableName);
    if (columnIndex(t.headers, column) < 0) throw new Error(`table ${t.name} has no column "${column}"`);
    const filters = { ...this.state.filters };
    if (values === undefined) delete filters[t.name];
    else filters[t.name] = { column, values: [...values] };
    this.update({ filters });
  }

  /** A planner typing into a cell: the demo's stand-in for editing a sheet in Excel. */
  setCell(table: string, row: number, header: string, value: CellValue): void {
    const t = this.table(table);
    const column = columnIndex(t.headers, header);
    if (column < 0 || row < 0 || row >= t.rows.length) throw new Error(`the table "${table}" has no cell ${header} in row ${row + 1}`);
    this.replace({ ...t, rows: t.rows.map((r, i) => (i === row ? r.map((v, j) => (j === column ? value : v)) : r)) }, {});
  }

  async writeTable(data: TableData): Promise<void> {
    if (data.headers.length === 0) throw new Error(`table ${data.name} has no columns`);
    const copy = { name: data.name, headers: [...data.headers], rows: data.rows.map((r) => [...r]) };
    const exists = this.state.tables.some((t) => t.name.toLowerCase() === data.name.toLowerCase());
    // A rewritten result table drops the formats that referred to its old cells, as Excel does.
    const heatMaps = this.state.heatMaps.filter((h) => h.table.toLowerCase() !== data.name.toLowerCase());
    if (exists) this.replace(copy, { heatMaps });
    else this.update({ tables: [...this.state.tables, copy], heatMaps });
  }

  private replace(table: TableData, patch: Partial<DemoState> = {}): void {
    this.update({ ...patch, tables: this.state.tables.map((t) => (t.name.toLowerCase() === table.name.toLowerCase() ? table : t)) });
  }

  async drawChart(chart: ChartSpec): Promise<void> {
    const t = this.table(chart.table);
    for (const column of [chart.categoryColumn, chart.barColumn, chart.lineColumn, chart.xColumn, chart.yColumn, chart.seriesColumn]) {
      if (column !== undefined && columnIndex(t.headers, column) < 0) throw new Error(`table ${t.name} has no column "${column}"`);
    }
    // As in Excel, a reference line plots a constant column added to the table.
    const references = referenceLinesFor(chart);
    if (references.length > 0)
      await this.writeColumns(
        t.name,
        references.map((line) => ({ header: line.label, values: t.rows.map(() => line.value) })),
      );
    this.update({ charts: [...this.state.charts.filter((c) => c.title !== chart.title), { ...chart }] });
  }

  async applyHeatMap(spec: HeatMapSpec): Promise<void> {
    const t = this.table(spec.table);
    for (const column of spec.columns) if (columnIndex(t.headers, column) < 0) throw new Error(`table ${t.name} has no column "${column}"`);
    this.update({ heatMaps: [...this.state.heatMaps.filter((h) => h.table !== spec.table), { ...spec, columns: [...spec.columns] }] });
  }

  async managedTables() {
    return this.state.tables.filter((t) => isManagedName(t.name) || this.state.tags[t.name]).map((t) => ({ name: t.name, tag: this.state.tags[t.name] ?? null }));
  }

  async setTag(table: string, tag: TableTag): Promise<void> {
    this.table(table);
    this.update({ tags: { ...this.state.tags, [table]: { ...tag } } });
  }

  async markChanges(marks: ChangeMarks): Promise<void> {
    const t = this.table(marks.table);
    if (columnIndex(t.headers, marks.column) < 0) return;
    this.update({ marks: { ...this.state.marks, [t.name]: { column: marks.column, rows: [...new Set(marks.rows)].sort((a, b) => a - b) } } });
  }

  async goToSheet(name: string): Promise<void> {
    this.activate(name);
  }

  async selectRow(table: string, row: number): Promise<void> {
    const t = this.table(table);
    if (row < 0 || row >= t.rows.length) throw new Error(`table ${t.name} has no row ${row + 1} (it has ${t.rows.length})`);
    this.update({ active: t.name, selectedRow: row });
  }

  /** Each example sheet becomes a table of the grid, columns named A, B, C… as on a sheet, formulas shown as typed. */
  async insertExamples(sheets: ExampleSheet[]) {
    const taken = new Set(this.state.tables.map((t) => t.name.toLowerCase()));
    const added: TableData[] = sheets.map((sheet) => {
      let name = sheet.name;
      for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${sheet.name} ${k}`;
      taken.add(name.toLowerCase());
      const { rows, columns } = sheetExtent(sheet);
      const grid: CellValueRow[] = Array.from({ length: rows }, () => new Array(columns).fill(null));
      for (const c of sheet.cells) grid[c.row - 1][c.column - 1] = c.value;
      for (const f of sheet.formulas) grid[f.row - 1][f.column - 1] = `=${f.formula}`;
      return { name, headers: Array.from({ length: columns }, (_, j) => columnLetter(j + 1)), rows: grid };
    });
    this.update({ tables: [...this.state.tables, ...added], active: added[0]?.name ?? this.state.active });
    return { sheets: added.map((t) => t.name), formulas: sheets.reduce((n, s) => n + s.formulas.length, 0) };
  }

  async recalculateServiceFunctions(): Promise<void> {
    this.update({ recalculations: this.state.recalculations + 1 });
  }

  async currency(): Promise<Currency | undefined> {
    return this.money;
  }

  async serviceUrl(): Promise<string | undefined> {
    return this.state.serviceUrl;
  }

  async setServiceUrl(url: string): Promise<void> {
    this.update({ serviceUrl: url });
  }
}

type CellValueRow = TableData["rows"][number];
