/**
 * The Wave release section's sheet reading: times as a planner types them or
 * Excel stores them, waves typed in the pane, and every problem named by
 * table, row and column before anything reaches the service.
 */
import { minuteOf, parseWaves, waveRequestFromTables, waveTablesData } from "../../addin/src/taskpane/panes/warehouse/waveSheets";
import { defaultDepartures, checkDepartures } from "../../addin/src/taskpane/panes/fulfilment/departures";
import { demoTables } from "../../addin/src/workbook/demoData";
import { planWaveRelease } from "../../shared/src/warehouse";
import type { TableData } from "../../addin/src/workbook/workbook";

const waves = [
  { wave: "Morning", releaseMinute: 540 },
  { wave: "Evening", releaseMinute: 960 },
];
const rules: TableData = {
  name: "WaveRules",
  headers: ["Segment", "Waves", "CutoffMinutes"],
  rows: [
    ["A", null, 30],
    ["C", "Evening", "60"],
  ],
};

test("reads a time typed as text or stored by Excel as a fraction of a day", () => {
  expect(minuteOf("09:40")).toBe(580);
  expect(minuteOf(" 7.05 ")).toBe(425);
  // Excel keeps 09:40 as 580 / 1440 of a day.
  expect(minuteOf(580 / 1440)).toBe(580);
  expect(minuteOf("9h")).toBe('expected a time of day such as 09:40, got "9h"');
  expect(minuteOf("25:00")).toBe('"25:00" is not a time of day');
  expect(minuteOf(540)).toMatch(/got 540/);
  expect(minuteOf(null)).toMatch(/is blank/);
});

test("parses the waves typed in the pane, naming a bad item by its place", () => {
  expect(parseWaves("Morning 09:00, Late shift 16:00")).toEqual({
    ok: true,
    value: [
      { wave: "Morning", releaseMinute: 540 },
      { wave: "Late shift", releaseMinute: 960 },
    ],
  });
  expect(parseWaves("Morning 09:00; Evening")).toEqual({ ok: false, message: 'Waves item 2 ("Evening"): give a name and a time, e.g. Morning 09:00' });
  expect(parseWaves("A 09:00, A 10:00")).toEqual({ ok: false, message: 'Waves item 2: "A" is listed twice' });
  expect(parseWaves(" , ")).toMatchObject({ ok: false });
});

test("reads the order and rule tables into the request, and the plan the shared engine makes of it is the one hand-checked here", () => {
  const orders: TableData = {
    name: "DayOrders",
    headers: ["OrderId", "Segment", "Arrival", "Lines"],
    rows: [
      ["O1", "A", "08:00", 2],
      [null, null, null, null],
      ["O2", "C", "15:30", 1],
      ["O3", "C", 14 / 24, "3"],
    ],
  };
  const reading = waveRequestFromTables(orders, rules, waves);
  if (!reading.ok) throw new Error(reading.problems.join("\n"));
  expect(reading.body.rules).toEqual([
    { segment: "A", cutoffMinutes: 30 },
    { segment: "C", waves: ["Evening"], cutoffMinutes: 60 },
  ]);
  const plan = planWaveRelease(reading.body.orders, reading.body.waves, reading.body.rules);
  // O1 is in 60 min before 09:00 (cut-off 30): Morning. O2 arrives 15:30, after the evening cut-off 15:00: next day. O3 at 14:00: Evening.
  expect(plan.orders.map((o) => o.wave)).toEqual(["Morning", null, "Evening"]);
  const [wavesTable, ordersTable] = waveTablesData(plan);
  expect(wavesTable.rows).toEqual([
    ["Morning", "09:00", 1, 2, "A 1"],
    ["Evening", "16:00", 1, 3, "C 1"],
    ["Next day", null, 1, 1, "carried over"],
  ]);
  expect(ordersTable.rows.map((r) => r[2])).toEqual(["Morning", "next day", "Evening"]);
});

test("names every problem by table, row and column", () => {
  const orders: TableData = {
    name: "DayOrders",
    headers: ["OrderId", "Segment", "Arrival", "Lines"],
    rows: [
      ["O1", "B", "08:00", 1],
      ["O2", "A", "8am", 0],
    ],
  };
  const badRules: TableData = { ...rules, rows: [...rules.rows, ["D", "Night", -5]] };
  const reading = waveRequestFromTables(orders, badRules, waves);
  expect(reading).toEqual({
    ok: false,
    problems: [
      'WaveRules row 4, Waves: "Night" is not one of the waves typed in the pane (Morning, Evening)',
      "WaveRules row 4, CutoffMinutes: must be at least 0",
      'DayOrders row 2, Segment: "B" has no row on WaveRules',
      'DayOrders row 3, Arrival: expected a time of day such as 09:40, got "8am"',
      "DayOrders row 3, Lines: must be a whole number of at least 1",
    ],
  });
  expect(waveRequestFromTables({ name: "X", headers: ["Id", "Segment"], rows: [] }, rules, waves)).toEqual({
    ok: false,
    problems: ["X has no Arrival column (its columns: Id, Segment)", "X has no Lines column (its columns: Id, Segment)"],
  });
});

test("the demo workbook's day of orders reads without a problem", () => {
  const { tables } = demoTables();
  const table = (name: string) => tables.find((t) => t.name === name)!;
  const reading = waveRequestFromTables(table("DayOrders"), table("WaveRules"), [
    { wave: "Morning", releaseMinute: 540 },
    { wave: "Midday", releaseMinute: 750 },
    { wave: "Evening", releaseMinute: 960 },
  ]);
  expect(reading.ok).toBe(true);
});

test("departures: the next days by default, each bad row named", () => {
  expect(defaultDepartures(new Date("2026-12-04T10:00:00Z"), 2).map((d) => d.date)).toEqual(["2026-12-05", "2026-12-06"]);
  const check = checkDepartures([
    { date: "2026-12-05", capacity: "1,500" },
    { date: "", capacity: "10" },
    { date: "2026-12-07", capacity: "-1" },
  ]);
  expect(check.ok).toBe(false);
  expect(check.problems[0]).toBeUndefined();
  expect(check.problems[1]).toBe("give the date of the departure");
  expect(check.problems[2]).toMatch(/^Room/);
  expect(check.departures[0]).toEqual({ date: "2026-12-05", capacity: 1500 });
});
