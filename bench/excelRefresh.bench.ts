/**
 * "Refresh segments" on a 100,000-row managed table, through the Excel edge
 * (ExcelWorkbook → addin/src/excel/) against a recording fake request context
 * that measures each sync's request and response bytes. Excel on the web
 * refuses an Office.js request or response over 5 MB; the check is that the
 * largest of either stays under it, and that every row got its new segment.
 * Time is the edge's own work (no network, no Excel), so it bounds what the
 * pane adds on top of Excel's.
 */
import type { SegmentTable, VersionChanges } from "../shared/src/api";
import type { Conditional, ServiceClient } from "../addin/src/api/serviceClient";
import { refreshSegments } from "../addin/src/commands/refreshSegments";
import { EXCEL_WEB_PAYLOAD_LIMIT_BYTES } from "../addin/src/excel/chunks";
import { ExcelWorkbook } from "../addin/src/excel/excelWorkbook";
import { RecordingContext, type FakeTable } from "../test/addin/excel/recordingContext";
import { median, type BenchResult } from "./writeResult";

const ROWS = 100_000;
const SEGMENTS = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"];

/** A planner's product table: id, description, the segment columns, and a year of monthly demand. */
function table(): FakeTable {
  const months = Array.from({ length: 12 }, (_, m) => `M${String(m + 1).padStart(2, "0")}`);
  return {
    name: "TierlineSegments",
    sheet: "Products",
    headers: ["ProductId", "Description", "Segment", "abc", "xyz", ...months],
    rows: Array.from({ length: ROWS }, (_, i) => [`P${String(i).padStart(6, "0")}`, `Product ${i}, pack of ${1 + (i % 24)}`, "CZ", "C", "Z", ...months.map((_, m) => ((i * 7919 + m * 104729) % 5000) / 10)]),
  };
}

function service(): ServiceClient {
  const answer: SegmentTable = {
    dimension: "product",
    version: 2,
    assignments: Array.from({ length: ROWS }, (_, i) => {
      const segment = SEGMENTS[i % SEGMENTS.length];
      return { entityId: `P${String(i).padStart(6, "0")}`, segment, detail: { abc: segment[0], xyz: segment[1] } };
    }),
  };
  const reply: Conditional<"readSegments"> = { notModified: false, data: answer, etag: '"product-v2-json"' };
  // No approval explains the moves (a first refresh): the change report's provenance read stays out of the Excel path measured here.
  const changes: VersionChanges = { dimension: "product", since: 0, current: 2, currentAt: "2025-01-01T00:00:00.000Z", changes: [] };
  return { url: "http://127.0.0.1:3001", conditional: async () => reply, call: async () => changes } as unknown as ServiceClient;
}

async function once() {
  const data = table();
  const context = new RecordingContext({ tables: [data] });
  const workbook = new ExcelWorkbook((batch) => batch(context.asExcel()));
  const client = service();
  const start = process.hrtime.bigint();
  const report = await refreshSegments(workbook, client);
  await workbook.recalculateServiceFunctions();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, context, data, report };
}

export const benchmarks = {
  "excel-refresh-100k": async (): Promise<BenchResult> => {
    const runs: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < 3; i++) runs.push(await once());
    const { context, data, report } = runs[runs.length - 1];
    const { request, response } = context.maxBytes();
    const updated = data.rows.every((row, i) => row[2] === SEGMENTS[i % SEGMENTS.length] && row[3] === SEGMENTS[i % SEGMENTS.length][0]);
    const changed = report.tables[0]?.changed.length ?? 0;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
    const passed = request < EXCEL_WEB_PAYLOAD_LIMIT_BYTES && response < EXCEL_WEB_PAYLOAD_LIMIT_BYTES && updated && context.calculations.length === 1;
    return {
      name: "excel-refresh-100k",
      size: {
        rows: ROWS,
        columns: data.headers.length,
        syncs: context.syncs.length,
        max_request_bytes: request,
        max_response_bytes: response,
        total_request_bytes: context.syncs.reduce((a, s) => a + s.requestBytes, 0),
        total_response_bytes: context.syncs.reduce((a, s) => a + s.responseBytes, 0),
      },
      runs_ms: runs.map((r) => Math.round(r.ms)),
      median_ms: Math.round(median(runs.map((r) => r.ms))),
      check: {
        passed,
        detail: `${context.syncs.length} syncs; largest request ${mb(request)}, largest response ${mb(response)} (limit 5 MB); ${changed.toLocaleString("en-US")} segments changed, every row ${updated ? "updated" : "NOT updated"}; ${context.calculations.length} full recalculation`,
      },
      notes:
        "Recording fake context (test/addin/excel/recordingContext.ts): bytes are the JSON of the values written and loaded per sync, the bulk of Office.js's payload. Blocks are sized to 4 MB from the widest row; reads start with 500 rows and size the next blocks from what came back.",
    };
  },
};
