import type { ServiceContext } from "../../useCases/context";
import { versionChangesSince } from "../../useCases/versionChanges";
import { currentVersion } from "../../useCases/masterData";
import { notModified } from "../conditional";
import type { Handlers } from "../route";

export function versionChangesHandlers(ctx: ServiceContext): Handlers<"versionChanges"> {
  return {
    versionChanges: async ({ query, req }) => {
      // The same tag as readSegments' JSON at the current version: the tag a workbook table stored at its last refresh
      // answers 304 here while nothing was approved since, so the "changes waiting" check costs no read of the changes.
      const current = await currentVersion(ctx.db, query.dimension);
      const etag = `"${query.dimension}-v${current}-json"`;
      const headers = { ETag: etag, "Cache-Control": "no-store", "X-Tierline-Version": String(current) };
      if (notModified(req, etag)) return { status: 304, headers };
      return { json: await versionChangesSince(ctx, query.dimension, query.since), headers };
    },
  };
}
