import type { ServiceContext } from "../../useCases/context";
import { supplierScorecards } from "../../useCases/supplierScorecards";
import { supplierSourcing } from "../../useCases/supplierSourcing";
import { replaceSupplierSettings, supplierSettings } from "../../useCases/supplierSettings";
import type { Handlers } from "../route";

/** Supplier scorecards and sourcing recommendations; contract terms in force are those of the service's today. */
export function supplierHandlers(ctx: ServiceContext): Handlers<"readSupplierScorecards" | "readSourcing" | "readSupplierSettings" | "putSupplierSettings"> {
  const today = () => ctx.now().toISOString().slice(0, 10);
  return {
    readSupplierScorecards: async ({ query }) => ({ json: await supplierScorecards(ctx.db, query, today()) }),
    readSourcing: async ({ query }) => ({ json: await supplierSourcing(ctx.db, query, today()) }),
    readSupplierSettings: async () => ({ json: await supplierSettings(ctx.db) }),
    putSupplierSettings: async ({ body, actor }) => ({ json: await replaceSupplierSettings(ctx, actor, body) }),
  };
}
