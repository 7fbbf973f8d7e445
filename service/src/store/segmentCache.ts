import type { Dimension } from "../../../shared/src/api";
import { assignmentsAt, type Assignment } from "./assignments";
import type { Executor } from "./executor";
import { currentVersion } from "./versions";

/**
 * Read-through caches for look-ups, the hottest path (every TIER.SEGMENT
 * recalculation). A version's assignments never change once written, so
 * snapshots are cached by (dimension, version) without invalidation. The
 * current version number is cached for a second at most and dropped at once
 * when this process applies a change; another instance's change is seen
 * within that second.
 */
export class SegmentCache {
  private readonly versions = new Map<string, { version: number; until: number }>();
  private readonly snapshots = new Map<string, Map<string, Assignment>>();

  constructor(
    private readonly maxSnapshots = 16,
    private readonly versionTtlMs = 1000,
  ) {}

  async currentVersion(db: Executor, dimension: Dimension): Promise<number> {
    const hit = this.versions.get(dimension);
    if (hit && hit.until > Date.now()) return hit.version;
    const version = await currentVersion(db, dimension);
    this.versions.set(dimension, { version, until: Date.now() + this.versionTtlMs });
    return version;
  }

  async snapshot(db: Executor, dimension: Dimension, version: number): Promise<Map<string, Assignment>> {
    const key = `${dimension}:${version}`;
    const hit = this.snapshots.get(key);
    if (hit) return hit;
    const rows = await assignmentsAt(db, dimension, version);
    const map = new Map(rows.map((a) => [a.entityId, a]));
    if (this.snapshots.size >= this.maxSnapshots) this.snapshots.delete(this.snapshots.keys().next().value!);
    this.snapshots.set(key, map);
    return map;
  }

  invalidate(dimension: string): void {
    this.versions.delete(dimension);
  }
}
