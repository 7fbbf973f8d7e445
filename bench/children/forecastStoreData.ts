/**
 * The forecast-store bench's database: a fresh PostgreSQL database, migrated,
 * with `products` × `weeks` of order lines generated inside PostgreSQL
 * (INSERT … SELECT FROM generate_series, so nothing crosses the wire). Demand
 * is a deterministic hash of (product, week): a third smooth, a third
 * seasonal (52 weeks), a third intermittent (about one week in five).
 *
 * Usage: tsx bench/children/forecastStoreData.ts <database url> <products> <weeks>
 * (the database is dropped and created again through the server's `postgres` database).
 */
import type { Kysely } from "kysely";
import pg from "pg";
import { migrateToLatest } from "../../service/src/store/migrations";
import { openDatabase, quoteIdentifier } from "../../service/src/store/openDatabase";

/** Products per INSERT: progress in steps, and no single transaction holding the whole table. */
const SLICE = 50_000;

export async function createForecastStore(url: string, products: number, weeks: number, log: (line: string) => void = console.log): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  await client.end();
  const { db } = openDatabase(url, () => {}, { statementTimeoutMs: 0, poolMax: 1 });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, "postgres");
  } finally {
    await db.destroy();
  }
  // A bench fixture, not service code: plain statements on one connection, the way the benches create databases.
  const load = new pg.Client({ connectionString: url });
  await load.connect();
  try {
    // Loading without the index and building it once afterwards is several times faster than keeping it current row by row.
    await load.query("DROP INDEX order_lines_product");
    await load.query("SET synchronous_commit = off");
    const started = Date.now();
    for (let from = 0; from < products; from += SLICE) {
      const to = Math.min(products, from + SLICE) - 1;
      await load.query(
        `INSERT INTO order_lines (customer_id, product_id, week, qty, price, cost, lines, deliveries, returns)
         SELECT 'C1', 'P' || lpad(p::text, 7, '0'), w, q, 10, 7, 1, 1, 0
         FROM (
           SELECT p, w,
             CASE p % 3
               WHEN 0 THEN round(50 + 20 * r)
               WHEN 1 THEN round(80 + 30 * sin(2 * pi() * w / 52) + 10 * r)
               ELSE CASE WHEN r < 0.2 THEN 1 + floor(50 * r) ELSE 0 END
             END AS q
           FROM (
             SELECT p, w, (hashint8(p::bigint * 1000 + w)::bigint & 2147483647) / 2147483647.0 AS r
             FROM generate_series($1::int, $2::int) AS p, generate_series(1, $3::int) AS w
           ) AS h
         ) AS d
         WHERE q > 0`,
        [from, to, weeks],
      );
      log(`  order lines: products ${from}…${to} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    await load.query("SET maintenance_work_mem = '1GB'");
    await load.query("CREATE INDEX order_lines_product ON order_lines (product_id)");
    // VACUUM sets the visibility map, so listing the products is an index-only scan as on a store autovacuum keeps.
    await load.query("VACUUM ANALYZE order_lines");
    log(`  index and vacuum done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await load.end();
  }
}

if (require.main === module) {
  const [url, products, weeks] = process.argv.slice(2);
  createForecastStore(url, Number(products), Number(weeks)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
