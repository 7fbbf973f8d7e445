/**
 * An entity's segment over the master-data versions: the versions where it
 * changed (entered, moved, left), each with the version's provenance. The
 * store keeps a full snapshot per version, so a change is a difference
 * between consecutive versions of the dimension, including a version in
 * which the entity is absent (it left the segmentation).
 */
export interface VersionFacts {
  version: number;
  effectiveAt: string;
  approvedBy: string;
  changeRequestId: string | null;
  /** the approver's reason, else the version's note */
  reason: string;
}

export interface SegmentChange extends VersionFacts {
  from: string | null;
  to: string | null;
}

/**
 * @param versions every version of the dimension, any order
 * @param segments the entity's segment in the versions that assign it
 * @example entityHistory([{ version: 1, … }, { version: 2, … }], new Map([[1, "AX"], [2, "BX"]])) // AX entered at 1, AX → BX at 2
 */
export function entityHistory(versions: readonly VersionFacts[], segments: ReadonlyMap<number, string>): SegmentChange[] {
  const out: SegmentChange[] = [];
  let previous: string | null = null;
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const now = segments.get(v.version) ?? null;
    if (now !== previous) out.push({ ...v, from: previous, to: now });
    previous = now;
  }
  return out;
}
