import { Tab, TabList, Text } from "@fluentui/react-components";
import { useState, useSyncExternalStore } from "react";
import { readNumber } from "../../../shared/src/validation";
import type { DemoWorkbook } from "../workbook/demoWorkbook";
import { CHANGED_FILL, columnIndex, type CellValue, type ChartSpec, type HeatMapSpec, type TableData } from "../workbook/workbook";

/** Linear interpolation between two #RRGGBB colours. */
function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, k: number) => parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
  return `#${[0, 1, 2]
    .map((k) =>
      Math.round(channel(a, k) + (channel(b, k) - channel(a, k)) * t)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The fill Excel's three-colour scale (lowest, 50th percentile, highest) gives a value. */
export function scaleColor(value: number, values: readonly number[], spec: HeatMapSpec): string {
  const sorted = [...values].sort((x, y) => x - y);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const rank = (sorted.length - 1) * 0.5;
  const mid = sorted[Math.floor(rank)] + (sorted[Math.ceil(rank)] - sorted[Math.floor(rank)]) * (rank - Math.floor(rank));
  if (value <= mid) return mid === min ? spec.midColor : mix(spec.lowColor, spec.midColor, (value - min) / (mid - min));
  return max === mid ? spec.midColor : mix(spec.midColor, spec.highColor, (value - mid) / (max - mid));
}

function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
  return String(value);
}

/** What a typed entry becomes, as Excel reads it: "97%" and "1,200" are numbers, anything else text, nothing a blank. */
function typedValue(text: string): CellValue {
  const reading = readNumber(text);
  return reading.kind === "number" ? reading.value : reading.kind === "blank" ? null : text;
}

function GridTable({
  table,
  heatMap,
  marks,
  selectedRow,
  filter,
  onEdit,
}: {
  onEdit: (row: number, header: string, value: CellValue) => void;
  table: TableData;
  heatMap: HeatMapSpec | undefined;
  marks?: { column: string; rows: number[] };
  selectedRow?: number;
  filter?: { column: string; values: string[] };
}) {
  // As Excel's AutoFilter: the other rows are hidden, the shown ones keep their row numbers.
  const filterColumn = filter ? columnIndex(table.headers, filter.column) : -1;
  const shown = (row: TableData["rows"][number]) => filterColumn < 0 || filter!.values.includes(String(row[filterColumn] ?? ""));
  const shownCount = table.rows.filter(shown).length;
  const markedColumn = marks ? columnIndex(table.headers, marks.column) : -1;
  const markedRows = new Set(marks?.rows ?? []);
  const heatColumns = new Set((heatMap?.columns ?? []).map((c) => columnIndex(table.headers, c)));
  const heatValues = table.rows.flatMap((row) => row.filter((_, j) => heatColumns.has(j))).filter((v): v is number => typeof v === "number");
  const [editing, setEditing] = useState<{ row: number; header: string; text: string } | undefined>();
  const commit = () => {
    if (editing) onEdit(editing.row, editing.header, typedValue(editing.text));
    setEditing(undefined);
  };
  return (
    <>
      {filterColumn >= 0 && (
        <Text as="p" size={200} data-testid="grid-filter">
          Filtered on {filter!.column} = {filter!.values.join(", ")}: {shownCount.toLocaleString("en-US")} of {table.rows.length.toLocaleString("en-US")} rows shown.
        </Text>
      )}
      <div className="tl-grid-scroll" tabIndex={0} role="region" aria-label={`Table ${table.name}, scrollable`}>
        <table className="tl-grid" aria-label={table.name}>
          <thead>
            <tr>
              <th scope="col" className="tl-rownum">
                #
              </th>
              {table.headers.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map(
              (row, i) =>
                shown(row) && (
                  <tr key={i} data-selected={selectedRow === i ? "true" : undefined} className={selectedRow === i ? "tl-selected-row" : undefined}>
                    <th scope="row" className="tl-rownum">
                      {i + 1}
                    </th>
                    {table.headers.map((h, j) => {
                      const v = row[j] ?? null;
                      const changed = j === markedColumn && markedRows.has(i);
                      const fill = changed ? CHANGED_FILL : heatMap && heatColumns.has(j) && typeof v === "number" ? scaleColor(v, heatValues, heatMap) : undefined;
                      return (
                        <td
                          key={h}
                          data-column={h}
                          data-changed={changed ? "true" : undefined}
                          style={fill ? { background: fill } : undefined}
                          className={typeof v === "number" ? "tl-num" : undefined}
                          onDoubleClick={() => setEditing({ row: i, header: h, text: cellText(v) })}
                        >
                          {editing?.row === i && editing.header === h ? (
                            <input
                              autoFocus
                              aria-label={`${h}, row ${i + 1}`}
                              value={editing.text}
                              onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                              onBlur={commit}
                              onKeyDown={(e) => {
                                if (e.key === "Enter") commit();
                                if (e.key === "Escape") setEditing(undefined);
                              }}
                            />
                          ) : (
                            cellText(v)
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Series colours of the scatter, in Excel's default palette order. */
const SCATTER_COLORS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E"];

/** The map-like scatter as an SVG, each axis fitted to its range as Excel's scatter does, a colour per series, the legend below. */
function DemoScatter({ chart, table }: { chart: ChartSpec; table: TableData }) {
  const width = 400;
  const height = 320;
  const pad = 14;
  const at = (column: string | undefined) => columnIndex(table.headers, column ?? "");
  const [xi, yi, si, li] = [at(chart.xColumn), at(chart.yColumn), at(chart.seriesColumn), at(chart.categoryColumn)];
  const points = table.rows.map((r) => ({ x: Number(r[xi]), y: Number(r[yi]), series: String(r[si]), label: String(r[li] ?? "") })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const names = [...new Set(points.map((p) => p.series))];
  const [x0, x1] = [Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x))];
  const [y0, y1] = [Math.min(...points.map((p) => p.y)), Math.max(...points.map((p) => p.y))];
  const px = (x: number) => pad + ((x - x0) / Math.max(x1 - x0, 1e-9)) * (width - 2 * pad);
  const py = (y: number) => height - pad - ((y - y0) / Math.max(y1 - y0, 1e-9)) * (height - 2 * pad);
  const colorOf = (series: string) => SCATTER_COLORS[names.indexOf(series) % SCATTER_COLORS.length];
  // DCs are drawn last, as outlined squares, so customers never hide them.
  const isDc = (series: string) => /DC/.test(series);
  const ordered = [...points.filter((p) => !isDc(p.series)), ...points.filter((p) => isDc(p.series))];
  return (
    <figure className="tl-chart">
      <svg role="img" aria-label={`Chart: ${chart.title}`} viewBox={`0 0 ${width} ${height}`} width="100%">
        <title>{chart.title}</title>
        <rect x={0.5} y={0.5} width={width - 1} height={height - 1} fill="none" stroke="#D1D1D1" />
        {ordered.map((p, i) =>
          isDc(p.series) ? (
            <rect key={i} x={px(p.x) - 7} y={py(p.y) - 7} width={14} height={14} fill={colorOf(p.series)} stroke="#242424">
              <title>{`${p.label} (${p.series})`}</title>
            </rect>
          ) : (
            <circle key={i} cx={px(p.x)} cy={py(p.y)} r={5} fill={colorOf(p.series)} opacity={0.85}>
              <title>{`${p.label} (${p.series})`}</title>
            </circle>
          ),
        )}
      </svg>
      <figcaption>
        <ul className="tl-legend" aria-label={`Legend: ${chart.title}`} style={{ listStyle: "none", padding: 0, margin: "4px 0", display: "flex", flexWrap: "wrap", gap: "4px 12px" }}>
          {names.map((n) => (
            <li key={n}>
              <span aria-hidden style={{ display: "inline-block", width: 10, height: 10, marginRight: 4, background: colorOf(n), borderRadius: isDc(n) ? 0 : 5 }} />
              <Text size={200}>{n}</Text>
            </li>
          ))}
        </ul>
        <Text size={200}>
          {chart.title}: {chart.yColumn} against {chart.xColumn}, by {chart.seriesColumn}
        </Text>
      </figcaption>
    </figure>
  );
}

/** A native-looking chart: bars on the left axis, a line on the right (0–max). */
function DemoChart({ chart, table }: { chart: ChartSpec; table: TableData }) {
  if (chart.kind === "scatter") return <DemoScatter chart={chart} table={table} />;
  const width = 560;
  const height = 220;
  const pad = 30;
  const series = (column: string | undefined) => (column === undefined ? [] : table.rows.map((r) => Number(r[columnIndex(table.headers, column)]) || 0));
  const bars = series(chart.barColumn);
  const line = series(chart.lineColumn);
  const n = Math.max(bars.length, line.length, 1);
  const step = (width - 2 * pad) / n;
  const barMax = Math.max(...bars, 1e-9);
  const lineMax = Math.max(...line, 1e-9);
  const y = (v: number, max: number) => height - pad - (Math.max(v, 0) / max) * (height - 2 * pad);
  return (
    <figure className="tl-chart">
      <svg role="img" aria-label={`Chart: ${chart.title}`} viewBox={`0 0 ${width} ${height}`} width="100%">
        <title>{chart.title}</title>
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#616161" />
        {bars.map((v, i) => (
          <rect key={i} x={pad + i * step + step * 0.1} width={step * 0.8} y={y(v, barMax)} height={height - pad - y(v, barMax)} fill="#0F6CBD" />
        ))}
        {line.length > 0 && <polyline fill="none" stroke="#C50F1F" strokeWidth={2} points={line.map((v, i) => `${pad + (i + 0.5) * step},${y(v, lineMax)}`).join(" ")} />}
      </svg>
      <figcaption>
        <Text size={200}>
          {chart.title}: {chart.barColumn ? `${chart.barColumn} (bars)` : ""}
          {chart.barColumn && chart.lineColumn ? ", " : ""}
          {chart.lineColumn ? `${chart.lineColumn} (line, right axis, max ${cellText(lineMax)})` : ""} by {chart.categoryColumn}
        </Text>
      </figcaption>
    </figure>
  );
}

/** The in-page workbook outside Excel: one tab per table (as sheet tabs), its cells, its charts and heat maps. */
export function DemoGrid({ workbook }: { workbook: DemoWorkbook }) {
  const state = useSyncExternalStore(
    (listener) => workbook.subscribe(listener),
    () => workbook.snapshot(),
  );
  const active = state.tables.find((t) => t.name === state.active) ?? state.tables[0];
  const charts = state.charts.filter((c) => c.table === active?.name);
  return (
    <section className="tl-demo" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo workbook</h2>
      <Text as="p" size={200}>
        Not running inside Excel: the panes work on this in-page workbook. The tab you show is “the current selection”; double-click a cell to edit it.
      </Text>
      <TabList size="small" style={{ flexWrap: "wrap" }} selectedValue={active?.name} onTabSelect={(_, d) => workbook.activate(String(d.value))} aria-label="Workbook tables">
        {state.tables.map((t) => (
          <Tab key={t.name} value={t.name}>
            {t.name}
          </Tab>
        ))}
      </TabList>
      {active && (
        <GridTable
          table={active}
          heatMap={state.heatMaps.find((h) => h.table === active.name)}
          marks={state.marks[active.name]}
          selectedRow={state.selectedRow}
          filter={state.filters[active.name]}
          onEdit={(row, header, value) => workbook.setCell(active.name, row, header, value)}
        />
      )}
      {active && charts.map((c) => <DemoChart key={c.title} chart={c} table={active} />)}
    </section>
  );
}
