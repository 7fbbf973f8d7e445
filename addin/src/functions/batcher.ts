/**
 * Collects the calls of one recalculation and settles them with one request:
 * the first call opens a short window, every call in it joins the queue, and
 * the window's end sends them together (Microsoft's custom-functions batching
 * sample uses the same queue-then-flush shape).
 */
export class Batcher<Item, Result> {
  private queue: Array<{ item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void; cancelled: boolean }> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flushBatch: (items: Item[]) => Promise<Array<Result | Error>>,
    private readonly windowMs = 50,
  ) {}

  /** Queue one call; `onCancel` lets Excel drop it if the cell is recalculated or removed. */
  add(item: Item, onCancel?: (cancel: () => void) => void): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const entry = { item, resolve, reject, cancelled: false };
      this.queue.push(entry);
      onCancel?.(() => {
        entry.cancelled = true;
      });
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.queue.filter((e) => !e.cancelled);
    this.queue = [];
    if (batch.length === 0) return;
    try {
      const results = await this.flushBatch(batch.map((e) => e.item));
      batch.forEach((e, i) => (results[i] instanceof Error ? e.reject(results[i]) : e.resolve(results[i] as Result)));
    } catch (error) {
      for (const e of batch) e.reject(error);
    }
  }
}
