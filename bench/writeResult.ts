import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface BenchResult {
  name: string;
  /** what was measured, e.g. { items: 1e6, periods: 52 } */
  size: Record<string, number>;
  runs_ms: number[];
  median_ms: number;
  target_ms?: number;
  check: { passed: boolean; detail: string };
  notes?: string;
}

export const resultsDir = path.resolve(__dirname, "results");

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One JSON file per benchmark, with the machine it ran on. */
export function writeResult(result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  const record = {
    ...result,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? "unknown",
    node: process.version,
    date: new Date().toISOString(),
  };
  writeFileSync(file, JSON.stringify(record, null, 2) + "\n");
  return file;
}

/** Time `fn` `runs` times after `warmup` untimed runs; returns milliseconds per run. */
export function timeRuns(fn: () => void, runs = 7, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}
