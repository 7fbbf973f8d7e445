import type { PriceBreak } from "../../../shared/src/api/suppliers";
import type { Executor } from "./executor";
import { INSERT_CHUNK } from "./insertChunked";

export interface SupplierTerms {
  supplierId: string;
  validFrom: string;
  moq: number;
  contractedLeadTimeDays: number;
  penaltyPerLateLine: number;
  priceBreaks: PriceBreak[];
}

/** Insert or replace each supplier's terms from a date: re-importing a contract corrects it, a new date supersedes it. */
export async function upsertSupplierTerms(db: Executor, rows: readonly SupplierTerms[]): Promise<void> {
  const values = rows.map((r) => ({
    supplier_id: r.supplierId,
    valid_from: r.validFrom,
    moq: r.moq,
    contracted_lead_time_days: r.contractedLeadTimeDays,
    penalty_per_late_line: r.penaltyPerLateLine,
    price_breaks: JSON.stringify(r.priceBreaks),
  }));
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await db
      .insertInto("supplier_terms")
      .values(values.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(["supplier_id", "valid_from"]).doUpdateSet((eb) => ({
          moq: eb.ref("excluded.moq"),
          contracted_lead_time_days: eb.ref("excluded.contracted_lead_time_days"),
          penalty_per_late_line: eb.ref("excluded.penalty_per_late_line"),
          price_breaks: eb.ref("excluded.price_breaks"),
        })),
      )
      .execute();
  }
}

/** Each supplier's terms in force on a day (YYYY-MM-DD): its row with the latest valid_from not after it. */
export async function supplierTermsOn(db: Executor, day: string): Promise<Map<string, SupplierTerms>> {
  const rows = await db.selectFrom("supplier_terms").selectAll().where("valid_from", "<=", day).orderBy("supplier_id").orderBy("valid_from").execute();
  const out = new Map<string, SupplierTerms>();
  // Ascending valid_from: the last row seen per supplier is the one in force.
  for (const r of rows) {
    out.set(r.supplier_id, {
      supplierId: r.supplier_id,
      validFrom: r.valid_from,
      moq: Number(r.moq),
      contractedLeadTimeDays: Number(r.contracted_lead_time_days),
      penaltyPerLateLine: Number(r.penalty_per_late_line),
      priceBreaks: JSON.parse(r.price_breaks) as PriceBreak[],
    });
  }
  return out;
}
