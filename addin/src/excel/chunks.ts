/*
 * Excel on the web takes at most 5 MB per Office.js request and per response
 * (Office add-in resource limits). Large reads and writes therefore go in
 * blocks of rows, one `sync` per block, each block's row count computed from
 * the width of its rows in bytes. The blocks run one after another through a
 * recursive step rather than a loop around `context.sync()` (the pattern
 * eslint-plugin-office-addins' no-context-sync-in-loop points to): the number
 * of syncs is bounded by the data, ceil(bytes / budget).
 */

/** Bytes per request or response we allow ourselves: under the 5 MB limit with room for the envelope. */
export const PAYLOAD_BUDGET_BYTES = 4 * 1024 * 1024;
export const EXCEL_WEB_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** A cell as it travels in a request: JSON text, UTF-8 (non-ASCII counts several bytes). */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  // ASCII is the common case: one byte a character, no loop.
  if (!/[^\u0000-\u007f]/.test(text)) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 ? 2 : 1;
  }
  return bytes;
}

/**
 * How many rows of the widest of `rows` fit in `budget` bytes (at least 1);
 * `extraBytesPerRow` counts what else travels with each row (its number formats).
 */
export function rowsPerChunk(rows: readonly unknown[][], budget = PAYLOAD_BUDGET_BYTES, extraBytesPerRow = 0): number {
  let widest = 2 + extraBytesPerRow;
  for (const row of rows) widest = Math.max(widest, jsonBytes(row) + 1 + extraBytesPerRow);
  return Math.max(1, Math.floor(budget / widest));
}

/** Consecutive [start, count) blocks covering `total` rows, `size` rows each. */
export function blocks(total: number, size: number): Array<{ start: number; count: number }> {
  const out: Array<{ start: number; count: number }> = [];
  for (let start = 0; start < total; start += size) out.push({ start, count: Math.min(size, total - start) });
  return out;
}

/**
 * Queues each block's operations and syncs once per block, in order. `queue`
 * returns what to hand back after its sync (e.g. a loaded range), so reads
 * can be assembled; `after` sees each block's result before the next is
 * queued (a read adapts its next block's size to the rows it just saw).
 */
export async function syncEach<T>(context: Excel.RequestContext, count: number, queue: (index: number) => T, after?: (result: T, index: number) => void): Promise<T[]> {
  const results: T[] = [];
  const step = async (index: number): Promise<void> => {
    if (index >= count) return;
    const result = queue(index);
    await context.sync();
    after?.(result, index);
    results.push(result);
    return step(index + 1);
  };
  await step(0);
  return results;
}

/**
 * Reads `total` rows × `columns` of `range` (a table body or a sheet block)
 * in blocks: the first block is small, and every next block is sized from the
 * widest row read so far (twice it, for safety), so a response stays under
 * the budget whatever the cells hold.
 */
export async function readRows(context: Excel.RequestContext, range: Excel.Range, total: number, columns: number, budget = PAYLOAD_BUDGET_BYTES): Promise<unknown[][]> {
  if (total === 0 || columns === 0) return [];
  const rows: unknown[][] = [];
  // A first small block at a guess of 64 bytes a cell; the next ones are sized from what came back.
  let size = Math.max(1, Math.min(total, 500, Math.floor(budget / (columns * 64))));
  let widest = 0;
  const step = async (start: number): Promise<void> => {
    if (start >= total) return;
    const count = Math.min(size, total - start);
    const block = range
      .getCell(start, 0)
      .getResizedRange(count - 1, columns - 1)
      .load("values");
    await context.sync();
    for (const row of block.values) {
      widest = Math.max(widest, jsonBytes(row) + 1);
      rows.push(row);
    }
    size = Math.max(1, Math.floor(budget / (2 * widest)));
    return step(start + count);
  };
  await step(0);
  return rows;
}
