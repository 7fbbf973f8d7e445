/**
 * Child of the `recommendations-5m-lines` benchmark: fills DATABASE_URL with
 * the demo company (entities, approved segmentations, policies: what the
 * recommendations and KPIs read), then replaces its order history with
 * LINES generated lines through the store's own bulk insert, a slice per
 * transaction so this process never holds the whole history either.
 * Prints `loaded <lines> <ms>` when done.
 */
import { createRng } from "../../shared/src/random";
import { loadDemoCompany } from "../../service/src/demo/loadDemo";
import { sortedEntityIds } from "../../service/src/store/entities";
import { migrateToLatest } from "../../service/src/store/migrations";
import { openDatabase } from "../../service/src/store/openDatabase";
import { appendOrderLines, replaceOrderLines } from "../../service/src/store/orderLines";
import type { OrderLineTable } from "../../service/src/store/schema";

const SLICE = 50_000;

async function main() {
  const lines = Number(process.env.LINES);
  const demo = JSON.parse(process.env.DEMO ?? "{}") as { products?: number; customers?: number; weeks?: number };
  const started = Date.now();
  const { db, dialect } = openDatabase(process.env.DATABASE_URL!, () => {}, { statementTimeoutMs: 0 });
  await migrateToLatest(db as never, dialect);
  await loadDemoCompany({ db, dialect, now: () => new Date() }, demo);
  const products = await sortedEntityIds(db, "product");
  const customers = await sortedEntityIds(db, "customer");
  const weeks = demo.weeks ?? 104;
  const rng = createRng(20);
  // Long-tailed like a distributor's: a few products and customers carry most lines.
  const price = products.map(() => Math.round(rng.lognormal(3, 1) * 100) / 100);
  const pick = (n: number, skew: number) => Math.min(n - 1, Math.floor(n * rng.next() ** skew));
  await replaceOrderLines(db, []);
  for (let done = 0; done < lines; done += SLICE) {
    const slice: OrderLineTable[] = [];
    for (let i = done; i < Math.min(lines, done + SLICE); i++) {
      const p = pick(products.length, 2);
      const qty = rng.next() < 0.02 ? 0 : 1 + Math.floor(rng.lognormal(1, 1));
      const n = rng.int(1, 3);
      slice.push({
        customer_id: customers[pick(customers.length, 1.6)],
        product_id: products[p],
        week: 1 + Math.floor((i / lines) * weeks),
        qty,
        price: price[p],
        cost: Math.round(price[p] * 0.7 * 100) / 100,
        lines: n,
        deliveries: n + (rng.next() < 0.1 ? 1 : 0),
        returns: rng.next() < 0.03 ? Math.min(qty, 1) : 0,
      });
    }
    await db.transaction().execute((trx) => appendOrderLines(trx, slice));
  }
  process.stdout.write(`loaded ${lines} ${Date.now() - started}\n`);
  await db.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
