/**
 * A recording fake of Excel's request context for the paths that move bulk
 * data (tables, sheets, settings, recalculation). Like Excel, it queues
 * every write and load until `sync()`: a loaded property read before its
 * sync throws, a values/formulas array whose shape differs from its range
 * fails at sync. For every sync it records the request bytes (JSON of the
 * values and formulas written) and response bytes (JSON of what was loaded),
 * so a test or benchmark can check each stays under Excel on the web's 5 MB.
 * Each string written is stored as Excel stores typed input (`entered`), so
 * a test sees where text would have become a formula.
 */
type Cell = string | number | boolean;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: string[];
}

interface Grid {
  get(row: number, column: number): Cell;
  set(row: number, column: number, value: Cell, formula?: string): void;
  rows(): number;
  columns(): number;
  setFormat?(row: number, column: number, format: string): void;
}

export interface FakeTable {
  name: string;
  sheet: string;
  headers: string[];
  rows: Cell[][];
  /** formulas written into the data body, by "row,column"; present once one is */
  formulas?: Map<string, string>;
  /** number formats written into the data body, by "row,column"; present once one is */
  numberFormats?: Map<string, string>;
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What Excel keeps of one string written through `values` or `formulas`, as
 * for typed input: a leading apostrophe marks text and is not kept (a cell
 * typed `'=1+1` reads back as "=1+1"); text beginning with = is a formula, and
 * through `values` so is text beginning with + or - that is not a plain number
 * (the office-js reference of Range.values) or with @ (Excel's implicit
 * intersection operator). A formula cell keeps "" as its value here.
 */
function entered(kind: "values" | "formulas", value: Cell): { value: Cell; formula?: string } {
  if (typeof value !== "string") return { value };
  if (value.startsWith("'")) return { value: value.slice(1) };
  if (value.startsWith("=")) return { value: "", formula: value };
  if (kind === "values" && /^[+-]/.test(value)) return PLAIN_NUMBER.test(value) ? { value: Number(value) } : { value: "", formula: `=${value}` };
  if (kind === "values" && value.startsWith("@")) return { value: "", formula: `=${value.slice(1)}` };
  return { value };
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

class Pending {
  requestBytes = 0;
  operations: string[] = [];
  actions: Array<() => number | void> = [];
}

export class FakeSheet {
  readonly cells = new Map<string, Cell>();
  readonly formulas = new Map<string, string>();
  readonly fonts = new Map<string, { bold?: boolean; italic?: boolean }>();
  readonly numberFormats = new Map<string, string>();
  constructor(
    readonly context: RecordingContext,
    public name: string,
  ) {}
  grid(): Grid {
    return {
      get: (r, c) => this.cells.get(`${r},${c}`) ?? "",
      set: (r, c, v, formula) => {
        this.cells.set(`${r},${c}`, v);
        if (formula === undefined) this.formulas.delete(`${r},${c}`);
        else this.formulas.set(`${r},${c}`, formula);
      },
      setFormat: (r, c, f) => this.numberFormats.set(`${r},${c}`, f),
      rows: () => Math.max(0, ...[...this.cells.keys()].map((k) => Number(k.split(",")[0]) + 1)),
      columns: () => Math.max(0, ...[...this.cells.keys()].map((k) => Number(k.split(",")[1]) + 1)),
    };
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
    return new FakeRange(this.context, this.grid(), row, column, rows, columns, this);
  }
  getRange() {
    return new FakeRange(this.context, this.grid(), 0, 0, 1_048_576, 16_384, this);
  }
  activate() {
    this.context.queue(`activate ${this.name}`, () => (this.context.active = this.name));
  }
  get tables() {
    return {
      add: (range: FakeRange, hasHeaders: boolean) => this.context.addTable(this, range, hasHeaders),
    };
  }
}

export class FakeRange {
  private loaded = new Set<string>();
  private snapshot: Cell[][] = [];
  constructor(
    private readonly context: RecordingContext,
    private readonly grid: Grid,
    readonly row: number,
    readonly column: number,
    readonly rowCountValue: number,
    readonly columnCountValue: number,
    readonly sheet?: FakeSheet,
  ) {}

  private need(property: string) {
    if (!this.loaded.has(property)) throw new Error(`PropertyNotLoaded: ${property} was read before load + sync`);
  }
  load(properties: string) {
    const wanted = properties.split(",").map((p) => p.trim());
    this.context.queueLoad(() => {
      for (const p of wanted) this.loaded.add(p);
      if (wanted.includes("values")) {
        this.snapshot = Array.from({ length: this.rowCountValue }, (_, r) => Array.from({ length: this.columnCountValue }, (_, c) => this.grid.get(this.row + r, this.column + c)));
        return bytes(this.snapshot);
      }
      return bytes(wanted.map((p) => [p, 0]));
    });
    return this;
  }
  get values(): Cell[][] {
    this.need("values");
    return this.snapshot;
  }
  set values(values: Cell[][]) {
    this.write("values", values);
  }
  set formulas(values: Cell[][]) {
    this.write("formulas", values);
  }
  /** Formats travel in the request like values (their bytes count); the fake keeps the last one written per cell. */
  set numberFormat(formats: string[][]) {
    this.context.queue(
      `numberFormat ${this.rowCountValue}x${this.columnCountValue} at R${this.row + 1}C${this.column + 1}${this.sheet ? ` on ${this.sheet.name}` : ""}`,
      () => {
        if (formats.length !== this.rowCountValue || formats.some((row) => row.length !== this.columnCountValue)) {
          throw new Error(`InvalidArgument: ${formats.length} rows × ${formats[0]?.length ?? 0} number formats written to a ${this.rowCountValue} × ${this.columnCountValue} range`);
        }
        formats.forEach((row, r) => row.forEach((f, c) => this.grid.setFormat?.(this.row + r, this.column + c, f)));
      },
      bytes(formats),
    );
  }
  private write(kind: "values" | "formulas", values: Cell[][]) {
    this.context.queue(
      `${kind} ${this.rowCountValue}x${this.columnCountValue} at R${this.row + 1}C${this.column + 1}${this.sheet ? ` on ${this.sheet.name}` : ""}`,
      () => {
        if (values.length !== this.rowCountValue || values.some((row) => row.length !== this.columnCountValue)) {
          throw new Error(`InvalidArgument: ${values.length} rows × ${values[0]?.length ?? 0} columns written to a ${this.rowCountValue} × ${this.columnCountValue} range`);
        }
        values.forEach((row, r) =>
          row.forEach((v, c) => {
            const cell = entered(kind, v);
            this.grid.set(this.row + r, this.column + c, cell.value, cell.formula);
          }),
        );
      },
      bytes(values),
    );
  }
  get rowCount(): number {
    this.need("rowCount");
    return this.rowCountValue;
  }
  get columnCount(): number {
    this.need("columnCount");
    return this.columnCountValue;
  }
  get address(): string {
    this.need("address");
    return `${this.sheet?.name ?? "Sheet1"}!R${this.row + 1}C${this.column + 1}`;
  }
  getCell(row: number, column: number) {
    return new FakeRange(this.context, this.grid, this.row + row, this.column + column, 1, 1, this.sheet);
  }
  getResizedRange(deltaRows: number, deltaColumns: number) {
    return new FakeRange(this.context, this.grid, this.row, this.column, this.rowCountValue + deltaRows, this.columnCountValue + deltaColumns, this.sheet);
  }
  getEntireColumn() {
    return new FakeRange(this.context, this.grid, 0, this.column, 1_048_576, this.columnCountValue, this.sheet);
  }
  clear(what: string) {
    this.context.queue(`clear ${what}${this.sheet ? ` on ${this.sheet.name}` : ""}`, () => {
      if (this.sheet) {
        this.sheet.cells.clear();
        this.sheet.formulas.clear();
      }
    });
  }
  get format() {
    const key = `${this.row},${this.column}`;
    const sheet = this.sheet;
    const context = this.context;
    return {
      font: {
        set bold(b: boolean) {
          context.queue(`bold ${key}`, () => sheet?.fonts.set(key, { ...sheet.fonts.get(key), bold: b }));
        },
        set italic(i: boolean) {
          context.queue(`italic ${key}`, () => sheet?.fonts.set(key, { ...sheet.fonts.get(key), italic: i }));
        },
      },
      set columnWidth(_w: number) {
        context.queue(`column width ${key}`, () => undefined);
      },
      // Changed-segment marks (excel/changeMarks.ts): recorded as operations, nothing to read back.
      fill: {
        clear: () => context.queue(`clear fill ${key}`, () => undefined),
        set color(c: string) {
          context.queue(`fill ${key} ${c}`, () => undefined);
        },
      },
      autofitColumns: () => context.queue(`autofit ${key}`, () => undefined),
    };
  }
}

export class RecordingContext {
  readonly syncs: SyncRecord[] = [];
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly settings = new Map<string, unknown>();
  readonly properties = new Map<string, string>();
  readonly calculations: string[] = [];
  active = "";
  private pending = new Pending();

  constructor(options: { tables?: FakeTable[]; sheets?: string[]; settings?: Record<string, unknown>; properties?: Record<string, string> } = {}) {
    for (const name of options.sheets ?? []) this.sheets.push(new FakeSheet(this, name));
    for (const t of options.tables ?? []) this.tables.push(t);
    for (const [k, v] of Object.entries(options.settings ?? {})) this.settings.set(k, v);
    for (const [k, v] of Object.entries(options.properties ?? {})) this.properties.set(k, v);
  }

  queue(operation: string, action: () => unknown, requestBytes = 0) {
    this.pending.operations.push(operation);
    this.pending.requestBytes += requestBytes;
    // A write's action returns nothing that counts: only loads add response bytes.
    this.pending.actions.push(() => {
      action();
    });
  }
  queueLoad(action: () => number) {
    this.pending.operations.push("load");
    this.pending.actions.push(action);
  }

  async sync(): Promise<void> {
    const done = this.pending;
    this.pending = new Pending();
    let responseBytes = 0;
    for (const action of done.actions) responseBytes += action() ?? 0;
    this.syncs.push({ requestBytes: done.requestBytes, responseBytes, operations: done.operations });
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addTable(sheet: FakeSheet, range: FakeRange, hasHeaders: boolean) {
    const entry: FakeTable = { name: `Table${this.tables.length + 1}`, sheet: sheet.name, headers: [], rows: [] };
    this.queue(`add table on ${sheet.name}`, () => {
      const grid = sheet.grid();
      const all = Array.from({ length: range.rowCountValue }, (_, r) => Array.from({ length: range.columnCountValue }, (_, c) => grid.get(range.row + r, range.column + c)));
      entry.headers = hasHeaders ? all[0].map(String) : all[0].map((_, j) => `Column${j + 1}`);
      entry.rows = hasHeaders ? all.slice(1) : all;
      this.tables.push(entry);
    });
    return {
      set name(n: string) {
        entry.name = n;
      },
    };
  }

  get workbook() {
    return fakeWorkbook(this);
  }

  /** The largest request and response of any sync. */
  maxBytes(): { request: number; response: number } {
    return { request: Math.max(0, ...this.syncs.map((s) => s.requestBytes)), response: Math.max(0, ...this.syncs.map((s) => s.responseBytes)) };
  }

  /** As Excel.RequestContext, for the functions under test. */
  asExcel(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }
}

function tableApi(context: RecordingContext, table: FakeTable) {
  const bodyGrid: Grid = {
    get: (r, c) => table.rows[r]?.[c] ?? "",
    set: (r, c, v, formula) => {
      table.rows[r][c] = v;
      if (formula !== undefined) (table.formulas ??= new Map()).set(`${r},${c}`, formula);
      else table.formulas?.delete(`${r},${c}`);
    },
    rows: () => table.rows.length,
    columns: () => table.headers.length,
    setFormat: (r, c, f) => (table.numberFormats ??= new Map()).set(`${r},${c}`, f),
  };
  const headerGrid: Grid = { get: (_r, c) => table.headers[c], set: (_r, c, v) => (table.headers[c] = String(v)), rows: () => 1, columns: () => table.headers.length };
  return {
    name: table.name,
    getHeaderRowRange: () => new FakeRange(context, headerGrid, 0, 0, 1, table.headers.length),
    getDataBodyRange: () => new FakeRange(context, bodyGrid, 0, 0, table.rows.length, table.headers.length),
    columns: {
      getItemAt: (j: number) => ({ getDataBodyRange: () => new FakeRange(context, bodyGrid, 0, j, table.rows.length, 1) }),
      add: (_index: number | undefined, values: Cell[][] | undefined, name: string | undefined) =>
        context.queue(
          `add column ${name ?? ""}`,
          () => {
            table.headers.push(name ?? String(values?.[0]?.[0] ?? `Column${table.headers.length + 1}`));
            table.rows.forEach((row, i) => row.push(values ? values[i + 1][0] : ""));
          },
          bytes(values ?? null),
        ),
    },
    delete: () => context.queue(`delete table ${table.name}`, () => context.tables.splice(context.tables.indexOf(table), 1)),
  };
}

function fakeWorkbook(context: RecordingContext) {
  const nullObject = { isNullObject: true };
  return {
    tables: {
      items: [] as Array<ReturnType<typeof tableApi>>,
      load(this: { items: unknown[] }) {
        context.queueLoad(() => {
          this.items = context.tables.map((t) => tableApi(context, t));
          return bytes(context.tables.map((t) => t.name));
        });
        return this;
      },
      getItem(name: string) {
        const table = context.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
        if (!table) throw new Error(`ItemNotFound: ${name}`);
        return tableApi(context, table);
      },
      getItemOrNullObject(name: string) {
        const table = context.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
        return table ? { isNullObject: false, ...tableApi(context, table) } : nullObject;
      },
    },
    worksheets: {
      items: [] as FakeSheet[],
      load(this: { items: FakeSheet[] }) {
        context.queueLoad(() => {
          this.items = [...context.sheets];
          return bytes(context.sheets.map((s) => s.name));
        });
        return this;
      },
      add(name: string) {
        const sheet = new FakeSheet(context, name);
        context.queue(`add sheet ${name}`, () => {
          if (context.sheet(name)) throw new Error(`ItemAlreadyExists: a sheet named ${name}`);
          context.sheets.push(sheet);
        });
        return sheet;
      },
      getItemOrNullObject(name: string) {
        const sheet = context.sheet(name);
        return sheet ? Object.assign(sheet, { isNullObject: false }) : nullObject;
      },
    },
    properties: {
      custom: {
        items: [] as Array<{ key: string; value: string }>,
        load(this: { items: Array<{ key: string; value: string }> }) {
          context.queueLoad(() => {
            this.items = [...context.properties].map(([key, value]) => ({ key, value }));
            return bytes(this.items);
          });
          return this;
        },
        add: (key: string, value: string) => context.queue(`property ${key}`, () => context.properties.set(key, value), bytes([key, value])),
      },
    },
    settings: {
      getItemOrNullObject(key: string) {
        const item = { isNullObject: true, value: undefined as unknown };
        return {
          load() {
            context.queueLoad(() => {
              item.isNullObject = !context.settings.has(key);
              item.value = context.settings.get(key);
              return bytes(item.value ?? null);
            });
            return item;
          },
        };
      },
      add: (key: string, value: unknown) => context.queue(`setting ${key}`, () => context.settings.set(key, value), bytes([key, value])),
    },
    application: {
      calculate: (type: string) => context.queue(`calculate ${type}`, () => context.calculations.push(type)),
    },
  };
}
