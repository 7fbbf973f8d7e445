import { DomainError } from "../../../shared/src/errors";
import { PolicyTable, type forecastLevelSchema, type forecastMethodSchema } from "../../../shared/src/segmentation";
import type { z } from "zod";
import { policyRows } from "../store/policyVersions";
import type { ServiceContext } from "./context";

export type ForecastPolicyMethod = z.infer<typeof forecastMethodSchema>;
export type ForecastLevel = z.infer<typeof forecastLevelSchema>;

export interface ForecastPolicy {
  method: ForecastPolicyMethod;
  level: ForecastLevel;
}

const DEFAULT: ForecastPolicy = { method: "auto", level: "item" };

/**
 * Segment → what its policy says about forecasting: the method ("auto" where
 * no table, no row or no assignment says otherwise) and the level ("item"
 * unless the row sets `forecastLevel: family`).
 */
export async function forecastPolicyResolver(ctx: Pick<ServiceContext, "db">, policyVersion: number): Promise<{ of: (segment: string | null) => ForecastPolicy; anyFamily: boolean }> {
  if (policyVersion === 0) return { of: () => DEFAULT, anyFamily: false };
  const table = new PolicyTable(await policyRows(ctx.db, policyVersion));
  const cache = new Map<string, ForecastPolicy>();
  const of = (segment: string | null): ForecastPolicy => {
    if (segment === null) return DEFAULT;
    let policy = cache.get(segment);
    if (policy === undefined) {
      try {
        const p = table.match(segment) ? table.resolve(segment).policy : undefined;
        policy = p ? { method: p.forecastMethod, level: p.forecastLevel ?? "item" } : DEFAULT;
      } catch (error) {
        // Two equally specific rows: the policy table is ambiguous for this segment, so nothing overrides the defaults.
        if (!(error instanceof DomainError)) throw error;
        policy = DEFAULT;
      }
      cache.set(segment, policy);
    }
    return policy;
  };
  return { of, anyFamily: table.rows.some((r) => r.forecastLevel === "family") };
}
