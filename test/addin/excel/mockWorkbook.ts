import { OfficeMockObject } from "office-addin-mock";

/**
 * An office-addin-mock request context over a few tables. The mock tracks
 * load and sync (a value read before both is the string "Error, property was
 * not loaded"), so the Excel-edge functions are checked to load before they
 * read. It does not emulate Excel: writes land on plain objects recorded in
 * `writes`, which the tests assert on. Two gaps are filled by hand: Excel's
 * `load("items")` returns each item's scalar properties (the mock does not,
 * so the items' names are plain values), and `isNullObject` needs no load.
 */
export interface MockTable {
  name: string;
  headers: string[];
  rows: Array<Array<string | number | boolean>>;
  sheet?: string;
}

export interface Writes {
  columnValues: Map<string, unknown>;
  /** number formats written into table columns (writeColumns), by header, block after block */
  columnFormats: Map<string, unknown[]>;
  addedColumns: Array<{ table: string; values: unknown; name?: string }>;
  ranges: Array<{ sheet: string; row: number; column: number; rows: number; columns: number; values?: unknown; numberFormat?: unknown; autofit?: boolean; cleared?: string }>;
  addedTables: Array<{ sheet: string; hasHeaders: boolean; name?: string }>;
  deletedTables: string[];
  addedSheets: string[];
  charts: Array<Record<string, unknown> & { series: Array<Record<string, unknown>> }>;
  deletedCharts: string[];
  conditionalFormats: Array<{ table: string; block: string; type: string; criteria?: unknown }>;
  clearedFormats: string[];
  properties: Map<string, string>;
  /** worksheets activated ("Go to sheet"), in order */
  activated: string[];
  /** column filters applied (values) or cleared (no values), by 0-based column index */
  filters: Array<{ table: string; column: number; values?: string[] }>;
  /** table columns deleted, by their 0-based index at the time */
  deletedColumns: Array<{ table: string; column: number }>;
}

type Settable = { setValue(name: string, value: unknown): void };

export function mockContext(
  tables: MockTable[],
  options: { selection?: { address: string; values: unknown[][] }; properties?: Record<string, string>; sheets?: string[]; charts?: string[]; culture?: { name: string; currencySymbol: string } } = {},
) {
  const writes: Writes = {
    columnValues: new Map(),
    columnFormats: new Map(),
    addedColumns: [],
    ranges: [],
    addedTables: [],
    deletedTables: [],
    addedSheets: [],
    charts: [],
    deletedCharts: [],
    conditionalFormats: [],
    clearedFormats: [],
    properties: new Map(Object.entries(options.properties ?? {})),
    activated: [],
    filters: [],
    deletedColumns: [],
  };
  const nullObject = () => ({ isNullObject: true });

  const sheetApi = (sheet: string) => ({
    name: sheet,
    activate: () => writes.activated.push(sheet),
    getRange: () => ({ clear: (what: string) => writes.ranges.push({ sheet, row: 0, column: 0, rows: 0, columns: 0, cleared: what }) }),
    getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
      const entry: Writes["ranges"][number] = { sheet, row, column, rows, columns };
      writes.ranges.push(entry);
      return {
        set values(v: unknown) {
          entry.values = v;
        },
        set numberFormat(v: unknown) {
          entry.numberFormat = v;
        },
        format: { autofitColumns: () => (entry.autofit = true) },
        address: `${sheet}!R${row + 1}C${column + 1}`,
      };
    },
    tables: {
      add(_range: unknown, hasHeaders: boolean) {
        const added: Writes["addedTables"][number] = { sheet, hasHeaders };
        writes.addedTables.push(added);
        return {
          set name(n: string) {
            added.name = n;
          },
        };
      },
    },
    charts: {
      getItemOrNullObject: (title: string) => (options.charts?.includes(title) ? { isNullObject: false, delete: () => writes.deletedCharts.push(title) } : nullObject()),
      add(type: string, source: { id: string }, seriesBy: string) {
        const chart: Writes["charts"][number] = { sheet, type, source: source.id, seriesBy, series: [{ values: source.id }] };
        writes.charts.push(chart);
        // Axes as recorded: { "value": { title, numberFormat }, "value secondary": { …, maximum } }.
        const axisApi = (key: string) => {
          const axes = (chart.axes ??= {}) as Record<string, Record<string, unknown>>;
          const axis = (axes[key] ??= {});
          return {
            title: {
              set text(t: string) {
                axis.title = t;
              },
            },
            set numberFormat(f: string) {
              axis.numberFormat = f;
            },
            set maximum(m: number) {
              axis.maximum = m;
            },
          };
        };
        const seriesApi = (s: Record<string, unknown>) => ({
          set name(n: string) {
            s.name = n;
          },
          set chartType(t: string) {
            s.chartType = t;
          },
          set axisGroup(g: string) {
            s.axisGroup = g;
          },
          set markerStyle(m: string) {
            s.markerStyle = m;
          },
          format: {
            line: {
              set lineStyle(l: string) {
                s.lineStyle = l;
              },
              set color(c: string) {
                s.lineColor = c;
              },
            },
          },
          setXAxisValues: (r: { id: string }) => (s.categories = r.id),
          setValues: (r: { id: string }) => (s.values = r.id),
        });
        return {
          set name(n: string) {
            chart.name = n;
          },
          title: {
            set text(t: string) {
              chart.title = t;
            },
          },
          legend: {
            set position(p: string) {
              chart.legend = p;
            },
          },
          axes: {
            categoryAxis: axisApi("category"),
            valueAxis: axisApi("value"),
            getItem: (type: string, group: string) => axisApi(`${type.toLowerCase()}${group === "Secondary" ? " secondary" : ""}`),
          },
          series: {
            getItemAt: (i: number) => seriesApi(chart.series[i]),
            add(name: string) {
              const s: Record<string, unknown> = { name };
              chart.series.push(s);
              return seriesApi(s);
            },
          },
          setPosition: (cell: { address: string }) => (chart.position = cell.address),
        };
      },
    },
  });

  const tableData: Record<string, unknown> = {};
  for (const t of tables) {
    // Columns added by name (writeColumns) join the headers, so their bodies are named as Excel would name them.
    const headers = [...t.headers];
    const columnBody = (j: number) => {
      const id = `${t.name}[${headers[j] ?? `new ${j}`}]`;
      const header = headers[j] ?? `new ${j}`;
      // A block of the column (writeColumns): values and formats land under the column's header, block after block.
      const block = () => ({
        getResizedRange: () => ({
          set values(v: unknown) {
            writes.columnValues.set(header, [...((writes.columnValues.get(header) as unknown[] | undefined) ?? []), ...(v as unknown[])]);
          },
          set numberFormat(v: unknown) {
            writes.columnFormats.set(header, [...(writes.columnFormats.get(header) ?? []), ...(v as unknown[])]);
          },
        }),
      });
      return {
        id,
        getCell: block,
        set values(v: unknown) {
          writes.columnValues.set(t.headers[j], v);
        },
        getBoundingRect: (other: { id: string }) => {
          const block = `${id}:${other.id}`;
          return {
            conditionalFormats: {
              clearAll: () => writes.clearedFormats.push(block),
              add(type: string) {
                const entry: Writes["conditionalFormats"][number] = { table: t.name, block, type };
                writes.conditionalFormats.push(entry);
                return {
                  colorScale: {
                    set criteria(c: unknown) {
                      entry.criteria = c;
                    },
                  },
                };
              },
            },
          };
        },
      };
    };
    tableData[t.name] = {
      header: { values: [t.headers] },
      body: { values: t.rows, rowCount: t.rows.length, getColumn: (j: number) => columnBody(j) },
      getHeaderRowRange(this: { header: unknown }) {
        return this.header;
      },
      getDataBodyRange(this: { body: unknown }) {
        return this.body;
      },
      columns: {
        getItemAt: (j: number) => ({
          getDataBodyRange: () => columnBody(j),
          filter: {
            applyValuesFilter: (values: string[]) => writes.filters.push({ table: t.name, column: j, values }),
            clear: () => writes.filters.push({ table: t.name, column: j }),
          },
          delete: () => writes.deletedColumns.push({ table: t.name, column: j }),
        }),
        add: (_index: number | undefined, values: unknown, name?: string) => {
          writes.addedColumns.push({ table: t.name, values, ...(name === undefined ? {} : { name }) });
          if (name !== undefined) headers.push(name);
        },
      },
      delete: () => writes.deletedTables.push(t.name),
    };
  }

  const data = {
    // Application.cultureInfo (ExcelApi 1.11; currencySymbol 1.17): loaded by the writes that format money.
    application: { cultureInfo: { name: options.culture?.name ?? "en-US", numberFormat: { currencySymbol: options.culture?.currencySymbol ?? "$" } } },
    workbook: {
      tables: {
        ...tableData,
        items: [] as unknown[],
        getItem(name: string) {
          const table = (this as unknown as Record<string, unknown>)[name];
          if (!table) throw new Error(`ItemNotFound: ${name}`);
          return table;
        },
        getItemOrNullObject(name: string) {
          return (this as unknown as Record<string, unknown>)[name] ?? nullObject();
        },
      },
      selection: { values: options.selection?.values ?? [[]], address: options.selection?.address ?? "Sheet1!A1" },
      getSelectedRange() {
        return this.selection;
      },
      worksheets: {
        getItemOrNullObject: (name: string) => (options.sheets?.includes(name) ? { isNullObject: false, ...sheetApi(name) } : nullObject()),
        add: (name: string) => (writes.addedSheets.push(name), sheetApi(name)),
      },
      properties: {
        custom: {
          items: [] as unknown[],
          add: (key: string, value: string) => writes.properties.set(key, value),
        },
      },
    },
  };
  const context = new OfficeMockObject(data) as unknown as Excel.RequestContext & { workbook: { tables: Record<string, OfficeMockObject & Record<string, unknown>> } };
  // Items are the table mocks themselves (so their loads are tracked), with names as Excel returns them.
  const tablesMock = context.workbook.tables as unknown as OfficeMockObject & Record<string, unknown>;
  const items = tables.map((t) => {
    const mock = tablesMock[t.name] as Record<string, unknown>;
    mock.name = t.name;
    mock.worksheet = sheetApi(t.sheet ?? t.name);
    return mock;
  });
  // setValue is the mock's own way to add a loadable property (public in JavaScript, private in its typings).
  (tablesMock as unknown as Settable).setValue("items", items);
  const custom = (context.workbook.properties as unknown as { custom: Settable }).custom;
  custom.setValue(
    "items",
    [...writes.properties].map(([key, value]) => ({ key, value })),
  );
  return { context, writes };
}
