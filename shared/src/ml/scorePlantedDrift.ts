/**
 * Recall and precision of recommendations against planted drift, per segment
 * part: a planted (entity, part) is found when a recommendation moves that
 * part in the planted direction; a move of a part that was not planted on the
 * entity is a false alarm. Parts listed in `ignore` for an entity (an XYZ
 * class that a level shift legitimately moves, say) count neither way.
 */
export type DriftDirection = "upgrade" | "downgrade";

export interface PlantedMove {
  entityId: string;
  part: string;
  direction: DriftDirection;
}

export interface RaisedMove {
  entityId: string;
  part: string;
  from: string;
  to: string;
  direction: DriftDirection;
  confidence: number;
}

export interface DriftScore {
  planted: number;
  raised: number;
  hits: number;
  recall: number | null;
  precision: number | null;
  misses: Array<PlantedMove & { reason: string }>;
  falseAlarms: Array<RaisedMove & { reason: string }>;
}

export function scorePlantedDrift(
  planted: readonly PlantedMove[],
  raised: readonly RaisedMove[],
  options: { parts: readonly string[]; ignore?: ReadonlySet<string>; describe?: (entityId: string) => string },
): DriftScore {
  const key = (entityId: string, part: string) => `${entityId}\u0000${part}`;
  const truth = new Map(planted.filter((p) => options.parts.includes(p.part)).map((p) => [key(p.entityId, p.part), p]));
  const judged = raised.filter((r) => options.parts.includes(r.part) && !options.ignore?.has(key(r.entityId, r.part)));
  const describe = options.describe ?? (() => "");
  const found = new Set<string>();
  const falseAlarms: DriftScore["falseAlarms"] = [];
  let hits = 0;
  for (const r of judged) {
    const t = truth.get(key(r.entityId, r.part));
    if (t && t.direction === r.direction) {
      hits++;
      found.add(key(r.entityId, r.part));
    } else falseAlarms.push({ ...r, reason: t ? `planted ${t.direction}, raised ${r.direction}; ${describe(r.entityId)}` : `stable in ${r.part}; ${describe(r.entityId)}` });
  }
  const misses = [...truth.values()].filter((t) => !found.has(key(t.entityId, t.part))).map((t) => ({ ...t, reason: describe(t.entityId) }));
  return {
    planted: truth.size,
    raised: judged.length,
    hits,
    recall: truth.size ? hits / truth.size : null,
    precision: judged.length ? hits / judged.length : null,
    misses,
    falseAlarms,
  };
}

/** Several scores as one: counts add up, the rates are recomputed from them. */
export function poolDriftScores(scores: readonly DriftScore[]): DriftScore {
  const planted = scores.reduce((n, s) => n + s.planted, 0);
  const raised = scores.reduce((n, s) => n + s.raised, 0);
  const hits = scores.reduce((n, s) => n + s.hits, 0);
  return {
    planted,
    raised,
    hits,
    recall: planted ? hits / planted : null,
    precision: raised ? hits / raised : null,
    misses: scores.flatMap((s) => s.misses),
    falseAlarms: scores.flatMap((s) => s.falseAlarms),
  };
}
