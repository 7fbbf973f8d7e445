/**
 * Child process for the crash test: imports `rows` generated order lines into
 * DATABASE_URL and reports progress on stdout, so the parent can kill -9 it
 * in the middle of the write.
 */
import { migrateToLatest } from "../../../service/src/store/migrations";
import { openDatabase } from "../../../service/src/store/openDatabase";
import { importRows } from "../../../service/src/useCases/imports";

async function main() {
  const rows = Number(process.argv[2]);
  const { db, dialect } = openDatabase(process.env.DATABASE_URL!);
  await migrateToLatest(db as never, dialect);
  const products = (await db.selectFrom("entities").select("id").where("dimension", "=", "product").execute()).map((r) => r.id);
  const customers = (await db.selectFrom("entities").select("id").where("dimension", "=", "customer").execute()).map((r) => r.id);
  const lines = Array.from({ length: rows }, (_, i) => ({
    customer_id: customers[i % customers.length],
    product_id: products[(i * 7) % products.length],
    week: String((i % 52) + 1),
    qty: String((i % 9) + 1),
    price: "10",
    cost: "6",
    lines: "1",
    deliveries: "1",
    returns: "0",
  }));
  const ctx = { db, dialect, now: () => new Date() };
  await importRows(ctx, { tokenId: "t", subject: "crash-test", name: "crash-test", role: "planner" }, "order_lines", lines, "big.csv", {
    onProgress: (written) => process.stdout.write(`progress ${written}\n`),
  });
  process.stdout.write("done\n");
  await db.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
