/**
 * Child of the `forecast-store-1m` benchmark: on DATABASE_URL (made by
 * forecastStoreData.ts) it opens the pg-boss job queue with the forecasting
 * kinds, WORKERS chunk workers in this process, starts one forecastProducts
 * job over every product and waits for it. Prints one JSON line: the job's
 * wall time, the series stored, chunk count and this process's peak RSS.
 * With ROLE=worker it is another instance: chunk workers only, until its
 * stdin closes; then it prints its chunks run and peak RSS.
 */
import { Kysely } from "kysely";
import type { Actor } from "../../service/src/auth/actor";
import { builtInJobKinds } from "../../service/src/jobs/kinds";
import { PgBossJobQueue } from "../../service/src/jobs/pgBossJobQueue";
import { migrateToLatest } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import type { ServiceContext } from "../../service/src/useCases/context";

const actor: Actor = { tokenId: null, subject: "bench", name: "bench", role: "admin" };

async function main() {
  const url = process.env.DATABASE_URL!;
  const workers = Number(process.env.WORKERS ?? "1");
  const chunkSize = Number(process.env.CHUNK_SIZE ?? "2000");
  const { db } = openDatabase(url, () => {}, { statementTimeoutMs: 0, poolMax: 4 + workers });
  await migrateToLatest(db as unknown as Kysely<unknown>, "postgres");
  const ctx: ServiceContext = { db, dialect: "postgres", now: () => new Date() };
  const queue = new PgBossJobQueue(ctx, url, undefined, { pollingIntervalSeconds: 0.5 });
  const kinds = builtInJobKinds(ctx, { forecastWorkers: workers });
  await queue.register("forecastChunk", kinds.forecastChunk);
  if (process.env.ROLE === "worker") {
    await queue.open();
    process.stderr.write(`  worker instance ${queue.instance} ready\n`);
    await new Promise<void>((resolve) => {
      process.stdin.on("close", resolve);
      process.stdin.on("end", resolve);
      process.stdin.resume();
    });
    const ran = await db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("instance", "=", queue.instance)
      .executeTakeFirstOrThrow();
    await queue.close();
    await db.destroy();
    process.stdout.write(`${JSON.stringify({ chunks_run: Number(ran.n), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
    return;
  }
  await queue.register("forecastProducts", kinds.forecastProducts);
  ctx.jobs = queue;
  await queue.open();
  const baselineMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const started = process.hrtime.bigint();
  const job = await queue.start("forecastProducts", { horizon: 13, chunkSize }, actor);
  let last = "";
  for (;;) {
    const now = await queue.get(job.id);
    const line = now.progress ? `${now.progress.label}` : now.status;
    if (line !== last) process.stderr.write(`  [${Math.round(Number(process.hrtime.bigint() - started) / 1e9)} s] ${line}\n`);
    last = line;
    if (!["queued", "running"].includes(now.status)) {
      if (now.status !== "succeeded") throw new Error(`the job ${now.status}: ${now.error}`);
      const totalMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
      const result = now.result as { runId: string; version: number; series: number; chunks: number };
      const chunksHere = await db
        .selectFrom("jobs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("instance", "=", queue.instance)
        .where("kind", "=", "forecastChunk")
        .executeTakeFirstOrThrow();
      const methods = await db
        .selectFrom("forecasts")
        .select(["method"])
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("run_id", "=", result.runId)
        .groupBy("method")
        .execute();
      await queue.close();
      await db.destroy();
      process.stdout.write(
        `${JSON.stringify({ total_ms: totalMs, ...result, chunks_here: Number(chunksHere.n), methods: Object.fromEntries(methods.map((m) => [m.method, Number(m.n)])), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_rss_mb: baselineMb })}\n`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
