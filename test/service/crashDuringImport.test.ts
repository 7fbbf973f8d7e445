/**
 * A kill -9 in the middle of a large import leaves all of it or none of it:
 * the import runs in one transaction, so the store after a restart holds the
 * old history, never a part of the new one.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { migrateToLatest } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import { STORES, startTestService } from "./harness";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");
const ROWS = 60_000;

function runChild(databaseUrl: string, killAfterProgress: number | null): Promise<{ killed: boolean; sawProgress: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), [path.join(__dirname, "children/importOrderLines.ts"), String(ROWS)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let sawProgress = 0;
    let killed = false;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const matches = [...output.matchAll(/progress (\d+)/g)];
      if (matches.length) sawProgress = Number(matches[matches.length - 1][1]);
      if (killAfterProgress !== null && !killed && sawProgress >= killAfterProgress) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", () => resolve({ killed, sawProgress, output }));
  });
}

async function countOrderLines(databaseUrl: string): Promise<number> {
  const { db, dialect } = openDatabase(databaseUrl);
  try {
    await migrateToLatest(db as never, dialect);
    const row = await db
      .selectFrom("order_lines")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.destroy();
  }
}

describe.each(STORES)("kill -9 during an import on %s", (store) => {
  it("leaves none of it when killed mid-write, and all of it when left to finish", async () => {
    const t = await startTestService(store);
    const before = await countOrderLines(t.databaseUrl);
    expect(before).toBeGreaterThan(0);
    try {
      const killed = await runChild(t.databaseUrl, 10_000);
      expect(killed.killed).toBe(true);
      // It really was in the middle: rows had been written inside the open transaction.
      expect(killed.sawProgress).toBeGreaterThanOrEqual(10_000);
      expect(killed.sawProgress).toBeLessThan(ROWS);
      expect(await countOrderLines(t.databaseUrl)).toBe(before);

      const finished = await runChild(t.databaseUrl, null);
      expect(finished.output).toContain("done");
      expect(await countOrderLines(t.databaseUrl)).toBe(ROWS);
    } finally {
      await t.close();
    }
  });
});
