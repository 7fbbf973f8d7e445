import type { ServiceContext } from "../../useCases/context";
import { entitySegmentHistory } from "../../useCases/entityHistory";
import { assertVersionExists, assignmentsAt, currentVersion, diffAssignments, listEntities, listVersions, segmentsOf, versionAsOf } from "../../useCases/masterData";
import { SegmentCache } from "../../store/segmentCache";
import { segmentsAsCsv, segmentsAsXlsx } from "../../files/segmentExports";
import { notFound } from "../../appError";
import { notModified } from "../conditional";
import type { Handlers } from "../route";

type MasterDataRoutes = "entityHistory" | "listEntities" | "readSegments" | "lookupSegments" | "readEntitySegment" | "listVersions" | "diffVersions";

export function masterDataHandlers(ctx: ServiceContext): Handlers<MasterDataRoutes> {
  return {
    entityHistory: async ({ params }) => ({ json: await entitySegmentHistory(ctx, params.dimension, params.id) }),
    listEntities: async ({ params, query }) => ({ json: { dimension: params.dimension, entities: await listEntities(ctx.db, params.dimension, query.limit, query.offset) } }),
    readSegments: async ({ query, req }) => {
      const version = query.version ?? (query.asOf ? await versionAsOf(ctx.db, query.dimension, query.asOf) : await currentVersion(ctx.db, query.dimension));
      await assertVersionExists(ctx.db, query.dimension, version);
      // The version is the entity tag: a workbook refresh with If-None-Match learns "nothing changed" for free.
      const etag = `"${query.dimension}-v${version}-${query.format}"`;
      const headers = { ETag: etag, "Cache-Control": "no-store", "X-Tierline-Version": String(version) };
      if (notModified(req, etag)) return { status: 304, headers };
      const assignments = await assignmentsAt(ctx.db, query.dimension, version);
      if (query.format === "csv") return { body: segmentsAsCsv(assignments), contentType: "text/csv; charset=utf-8", headers };
      if (query.format === "xlsx") {
        return { body: await segmentsAsXlsx(query.dimension, version, assignments), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", headers };
      }
      return { json: { dimension: query.dimension, version, assignments }, headers };
    },
    lookupSegments: async ({ body }) => {
      // The current version from the look-up cache (a second at most behind another instance): a one-id look-up is one primary-key probe.
      const current = await (ctx.segments ?? new SegmentCache()).currentVersion(ctx.db, body.dimension);
      const version = body.version ?? current;
      await assertVersionExists(ctx.db, body.dimension, version, current);
      const found = await segmentsOf(ctx.db, body.dimension, version, body.ids);
      return { json: { dimension: body.dimension, version, segments: body.ids.map((id) => ({ id, segment: found.get(id) ?? null })) } };
    },
    readEntitySegment: async ({ params, query }) => {
      const cache = ctx.segments ?? new SegmentCache();
      const current = await cache.currentVersion(ctx.db, params.dimension);
      const version = query.version ?? current;
      await assertVersionExists(ctx.db, params.dimension, version, current);
      const row = (await cache.snapshot(ctx.db, params.dimension, version)).get(params.id);
      if (!row) throw notFound(`${params.dimension} "${params.id}" has no segment in version ${version}`);
      return { json: { dimension: params.dimension, id: params.id, segment: row.segment, detail: row.detail, version } };
    },
    listVersions: async ({ query }) => ({ json: { dimension: query.dimension, current: await currentVersion(ctx.db, query.dimension), versions: await listVersions(ctx.db, query.dimension) } }),
    diffVersions: async ({ query }) => {
      await assertVersionExists(ctx.db, query.dimension, query.from);
      await assertVersionExists(ctx.db, query.dimension, query.to);
      const changes = diffAssignments(await assignmentsAt(ctx.db, query.dimension, query.from), await assignmentsAt(ctx.db, query.dimension, query.to));
      return { json: { dimension: query.dimension, from: query.from, to: query.to, changes } };
    },
  };
}
