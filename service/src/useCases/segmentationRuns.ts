import type { SegmentationRun } from "../../../shared/src/api";
import { runSegmentationMethod, type ProposedAssignment } from "../../../shared/src/jobs";
import type { Actor } from "../auth/actor";
import { unprocessable } from "../appError";
import { storedDefinitions } from "../store/definitions";
import { entityAttributes } from "../store/entities";
import { orderSums } from "../store/orderLines";
import { verifyAuditChain } from "./audit";
import { storedRunProvenance } from "./runProvenance";
import { createAssignmentChangeRequest } from "./changeRequests";
import type { Executor, ServiceContext } from "./context";
import { assignmentsAt, currentVersion, diffAssignments } from "./masterData";

/** What a segmentation method reads: products and customers by id, and the order history. */
async function loadCompany(db: Executor) {
  const products = await entityAttributes(db, "product");
  const customers = await entityAttributes(db, "customer");
  return {
    productIds: [...products.keys()],
    products: [...products].map(([id, attributes]) => ({ id, attributes })),
    customers: [...customers].map(([id, attributes]) => ({ id, strategic: attributes.strategic === true, attributes })),
    orders: await orderSums(db),
  };
}

export async function computeSegmentation(db: Executor, definition: SegmentationRun): Promise<ProposedAssignment[]> {
  const company = await loadCompany(db);
  if (company.orders.productWeeks.length === 0) throw unprocessable("no order history is stored: import order_lines first", [{ field: "order_lines", message: "empty" }]);
  return runSegmentationMethod(definition, company);
}

/**
 * What a run would propose: every assignment it computes, and those that
 * differ from the current master data (the changes it raises).
 */
export async function runProposal(db: Executor, definition: SegmentationRun): Promise<{ proposed: ProposedAssignment[]; changes: ProposedAssignment[] }> {
  const proposed = await computeSegmentation(db, definition);
  const current = await assignmentsAt(db, definition.dimension, await currentVersion(db, definition.dimension));
  const diff = diffAssignments(
    current,
    proposed.map((p) => ({ ...p })),
  );
  const changed = new Set(diff.map((d) => d.entityId));
  return { proposed, changes: proposed.filter((p) => changed.has(p.entityId)) };
}

/**
 * Run a method over the stored data and propose the result: a pending change
 * request that changes nothing until an approver applies it.
 */
export async function startSegmentationRun(ctx: ServiceContext, actor: Actor, definition: SegmentationRun, justification?: string) {
  const { proposed, changes } = await runProposal(ctx.db, definition);
  if (changes.length === 0) return { changeRequest: null, proposed: proposed.length, changes: 0, detail: "the run reproduces the current assignments: nothing to propose" };
  const run = await storedRunProvenance(ctx.db, definition, proposed.length);
  const changeRequest = await createAssignmentChangeRequest(
    ctx,
    actor,
    { dimension: definition.dimension, changes, justification: justification ?? `segmentation run: ${definition.method}`, run },
    "segmentation-run",
    definition,
  );
  return { changeRequest, proposed: proposed.length, changes: changes.length, detail: `${changes.length} of ${proposed.length} assignments would change` };
}

/**
 * Replay every stored definition on the current data and list each
 * assignment that would change: after an upgrade, an empty list proves the
 * segmentation logic still gives what was approved. The audit log's hash
 * chain is checked too (`audit`): intact only if both hold.
 */
export async function validateDefinitions(ctx: ServiceContext) {
  const definitions = await storedDefinitions(ctx.db);
  const results = [];
  for (const d of definitions) {
    const definition = d.definition as SegmentationRun;
    const proposed = await computeSegmentation(ctx.db, definition);
    // Compare with the version the definition produced: later hand edits are not logic changes.
    const current = await assignmentsAt(ctx.db, definition.dimension, d.version);
    const replayed = new Map(proposed.map((p) => [p.entityId, p.segment]));
    const differences = current.filter((a) => replayed.has(a.entityId) && replayed.get(a.entityId) !== a.segment).map((a) => ({ entityId: a.entityId, applied: a.segment, replayed: replayed.get(a.entityId)! }));
    results.push({ dimension: d.dimension, definition, definedAtVersion: d.version, checked: current.length, differences });
  }
  const audit = await verifyAuditChain(ctx.db);
  return { intact: audit.intact && results.every((r) => r.differences.length === 0), results, audit };
}
