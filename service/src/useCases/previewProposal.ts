import type { Dimension, PreviewChanges, ProposalPreview, SegmentationRun, SegmentationRunPreview } from "../../../shared/src/api";
import { segmentDirection } from "../../../shared/src/segmentation/segmentDirection";
import { assignmentsAt } from "../store/assignments";
import { changeFingerprint } from "../store/changeFingerprint";
import { pendingWithFingerprint } from "../store/changeRequests";
import { entityIds } from "../store/entities";
import { currentVersion } from "../store/versions";
import { mergeChanges } from "./applyAssignments";
import { assertDistinctEntities } from "./changeRequests";
import type { Executor } from "./context";
import { diffAssignments } from "./masterData";
import { uncoveredSegments, uncoveredSentence } from "./policyCoverage";
import { storedRunProvenance } from "./runProvenance";
import { runProposal } from "./segmentationRuns";

const EXAMPLES = 20;
const fmt = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const NOUNS: Record<Dimension, [string, string]> = { product: ["product", "products"], customer: ["customer", "customers"], supplier: ["supplier", "suppliers"], region: ["region", "regions"] };

/**
 * What a set of assignment changes would do to the current master data,
 * before anything is raised: how much of the dimension it covers, who moves
 * where and in which direction, the proposed segments no policy row serves,
 * the segments left with one or two members, and a pending request with the
 * same moves. `blocked` says whether raising it would be refused.
 * `classified`: the entities the proposal speaks for when it is more than
 * those it moves (a run's whole population); default the changes' own.
 */
export async function previewProposal(db: Executor, input: PreviewChanges, classified?: readonly string[]): Promise<ProposalPreview> {
  assertDistinctEntities(input.changes);
  const { dimension, changes } = input;
  const [one, many] = NOUNS[dimension];
  const version = await currentVersion(db, dimension);
  const known = await entityIds(db, dimension);
  const mine = changes.filter((c) => known.has(c.entityId));
  const covered = classified ? new Set(classified.filter((id) => known.has(id))).size : mine.length;
  const unknownIds = changes.filter((c) => !known.has(c.entityId)).map((c) => c.entityId);
  const current = await assignmentsAt(db, dimension, version);
  const after = mergeChanges(current, mine);
  const diff = diffAssignments(current, after);

  const pairs = new Map<string, { from: string | null; to: string; count: number }>();
  const direction = { upgrade: 0, downgrade: 0, lateral: 0, new: 0 };
  for (const d of diff) {
    const to = d.to!; // merging changes never removes an entity
    const key = JSON.stringify([d.from, to]);
    const pair = pairs.get(key) ?? pairs.set(key, { from: d.from, to, count: 0 }).get(key)!;
    pair.count++;
    direction[d.from === null ? "new" : segmentDirection(d.from, to)]++;
  }
  const transitions = [...pairs.values()].sort((a, b) => b.count - a.count || (a.from ?? "").localeCompare(b.from ?? "") || a.to.localeCompare(b.to));

  const members = new Map<string, number>();
  for (const a of after) members.set(a.segment, (members.get(a.segment) ?? 0) + 1);
  const tinySegments = [...members]
    .filter(([, count]) => count <= 2)
    .map(([segment, count]) => ({ segment, count }))
    .sort((a, b) => a.count - b.count || a.segment.localeCompare(b.segment));

  const uncoveredKeys = await uncoveredSegments(
    db,
    dimension,
    mine.map((c) => c.segment),
  );
  // The fingerprint of the changes as sent: what createAssignmentChangeRequest would store.
  const duplicateOf = changes.length ? ((await pendingWithFingerprint(db, dimension, changeFingerprint(changes))) ?? null) : null;

  const warnings: string[] = [];
  if (covered < known.size) {
    warnings.push(
      `This proposal covers ${fmt(covered)} of ${fmt(known.size)} ${plural(known.size, one, many)}: a segmentation of a subset ranks each item against the subset only, so its classes are not comparable with the master data's.`,
    );
  }
  if (unknownIds.length) {
    const shown = unknownIds.slice(0, EXAMPLES).join(", ") + (unknownIds.length > EXAMPLES ? `, and ${fmt(unknownIds.length - EXAMPLES)} more` : "");
    warnings.push(`${fmt(unknownIds.length)} ${plural(unknownIds.length, `id is not a ${one}`, `ids are not ${many}`)} the service knows: ${shown}.`);
  }
  if (uncoveredKeys.length) warnings.push(uncoveredSentence(uncoveredKeys));
  if (tinySegments.length) {
    warnings.push(
      `${fmt(tinySegments.length)} ${plural(tinySegments.length, "segment", "segments")} would have only 1–2 members: ${tinySegments
        .slice(0, EXAMPLES)
        .map((t) => `${t.segment} (${t.count})`)
        .join(", ")}${tinySegments.length > EXAMPLES ? `, and ${fmt(tinySegments.length - EXAMPLES)} more` : ""}.`,
    );
  }
  if (duplicateOf) warnings.push(`The same moves already wait for a decision as request ${duplicateOf}.`);
  if (diff.length === 0) warnings.push("Nothing would change: the master data already holds these segments.");

  return {
    dimension,
    version,
    population: known.size,
    covered,
    unknown: { count: unknownIds.length, examples: unknownIds.slice(0, EXAMPLES) },
    changes: diff.length,
    transitions,
    direction,
    uncoveredKeys,
    tinySegments,
    duplicateOf,
    warnings,
    blocked: uncoveredKeys.length > 0 || duplicateOf !== null || unknownIds.length > 0 || diff.length === 0,
  };
}

/** A service run previewed: the checks on the moves it would propose, and how it would be made. */
export async function previewSegmentationRun(db: Executor, definition: SegmentationRun): Promise<SegmentationRunPreview> {
  const { proposed, changes } = await runProposal(db, definition);
  // The run classifies every entity it proposes for, including those it leaves where they are.
  const preview = await previewProposal(
    db,
    { dimension: definition.dimension, changes },
    proposed.map((p) => p.entityId),
  );
  return { ...preview, run: await storedRunProvenance(db, definition, proposed.length) };
}
