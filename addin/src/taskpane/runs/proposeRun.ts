import type { AssignmentChange, Dimension, ProposalPreview, RunProvenance } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";

/** What a workbook run hands to a proposal: its rows, their segments and how it was made. */
export interface ProposableRun {
  ids: readonly string[];
  /** per row: the hybrid key, else the class; "" for a row without one (left out) */
  segments: readonly string[];
  abc?: readonly string[];
  xyz?: readonly string[];
  clusters?: readonly string[];
  keys?: { parts: ReadonlyArray<Record<string, string>> };
  run?: RunProvenance;
}

/**
 * The assignment changes a run proposes: one per row with a segment, each
 * carrying its parts as detail so refreshed tables can fill ABC and XYZ
 * columns too.
 */
export function changesOf(outcome: ProposableRun): AssignmentChange[] {
  const changes = outcome.ids
    .map((entityId, i) => ({
      entityId,
      segment: outcome.segments[i],
      detail: {
        ...(outcome.abc ? { abc: outcome.abc[i] } : {}),
        ...(outcome.xyz ? { xyz: outcome.xyz[i] } : {}),
        ...(outcome.clusters ? { cluster: outcome.clusters[i] } : {}),
        ...(outcome.keys ? outcome.keys.parts[i] : {}),
      },
    }))
    .filter((c) => c.segment !== "");
  if (changes.length === 0) throw new Error("Nothing to propose: no row has a segment.");
  return changes;
}

/** What the run would do to the master data, asked of the service before anything is raised. */
export function previewRun(client: ServiceClient, dimension: Dimension, outcome: ProposableRun, signal?: AbortSignal): Promise<ProposalPreview> {
  return client.call("previewChangeRequest", { body: { dimension, changes: changesOf(outcome) } }, { signal });
}

/**
 * Raises the run as a change request carrying how it was made (method,
 * cut-offs, window, population), so the approver judges the run and not a
 * hand edit. The service refuses a duplicate of a pending request and keys
 * no policy row covers.
 */
export function proposeRun(client: ServiceClient, dimension: Dimension, outcome: ProposableRun, justification: string, signal?: AbortSignal) {
  if (justification.trim().length < 3) throw new Error("Justification: say why (at least 3 characters); the approver reads it.");
  return client.call("createChangeRequest", { body: { dimension, changes: changesOf(outcome), justification: justification.trim(), ...(outcome.run ? { run: outcome.run } : {}) } }, { signal });
}
