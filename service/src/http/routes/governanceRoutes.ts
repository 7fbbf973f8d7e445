import multer from "multer";
import { z } from "zod";
import { importKindSchema, putPoliciesSchema, queryText } from "../../../../shared/src/api";
import { queryAudit } from "../../useCases/audit";
import { createPolicyChangeRequest } from "../../useCases/changeRequests";
import type { ServiceContext } from "../../useCases/context";
import { importRows } from "../../useCases/imports";
import { currentPolicies } from "../../useCases/policies";
import { readTabularFile } from "../../useCases/readTabularFile";
import { validateDefinitions } from "../../useCases/segmentationRuns";
import { badRequest } from "../appError";
import { notModified } from "../conditional";
import { csvCell } from "../../useCases/csvCell";
import { defineRoute } from "../route";

export function governanceRoutes(ctx: ServiceContext, options: { maxUploadBytes: number }) {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: options.maxUploadBytes, files: 1, fields: 5 } });
  return [
    defineRoute({
      method: "post",
      path: "/imports",
      summary: "Import a CSV or xlsx file",
      permission: "import",
      before: [upload.single("file")],
      multipart: { file: "file", kind: "string" },
      body: z.object({ kind: importKindSchema }),
      handler: async ({ body, actor, req }) => {
        const file = req.file;
        if (!file) throw badRequest("file: attach the file as multipart field `file`", [{ field: "file", message: "required" }]);
        const rows = await readTabularFile(file.originalname, file.buffer);
        return { status: 201, json: await importRows(ctx, actor!, body.kind, rows, file.originalname) };
      },
    }),
    defineRoute({
      method: "get",
      path: "/audit",
      summary: "Read the audit trail",
      permission: "read",
      query: z.object({
        entity: queryText(200).optional(),
        action: queryText(100).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
        format: z.enum(["json", "csv"]).default("json"),
        limit: z.coerce.number<unknown>().int().min(1).max(100_000).default(1000),
      }),
      handler: async ({ query }) => {
        const entries = await queryAudit(ctx.db, {
          entity: query.entity,
          action: query.action,
          from: query.from && new Date(query.from).toISOString(),
          to: query.to && new Date(query.to).toISOString(),
          limit: query.limit,
        });
        if (query.format === "csv") {
          const columns = ["seq", "at", "actor", "action", "entityType", "entityId", "dimension", "before", "after", "reason"] as const;
          const text = [columns.join(","), ...entries.map((e) => columns.map((c) => csvCell(e[c])).join(","))].join("\n") + "\n";
          return { body: text, contentType: "text/csv; charset=utf-8" };
        }
        return { json: { entries } };
      },
    }),
    defineRoute({
      method: "get",
      path: "/policies",
      summary: "Read the policy table",
      permission: "read",
      handler: async ({ req }) => {
        const policies = await currentPolicies(ctx.db);
        // Version as entity tag, as for segments: TIER.POLICY cells revalidate for free.
        const etag = `"policy-v${policies.version}"`;
        const headers = { ETag: etag, "Cache-Control": "no-store", "X-Tierline-Version": String(policies.version) };
        if (notModified(req, etag)) return { status: 304, headers };
        return { json: policies, headers };
      },
    }),
    defineRoute({
      method: "put",
      path: "/policies",
      summary: "Propose a new policy table",
      permission: "edit-policies",
      body: putPoliciesSchema,
      handler: async ({ body, actor }) => ({ status: 201, json: await createPolicyChangeRequest(ctx, actor!, body.rows, body.justification) }),
    }),
    defineRoute({
      method: "get",
      path: "/me",
      summary: "Who the token belongs to",
      permission: "read",
      handler: async ({ actor }) => ({ json: { name: actor!.name, role: actor!.role } }),
    }),
    defineRoute({
      method: "post",
      path: "/validate",
      summary: "Replay stored segment definitions",
      permission: "admin",
      handler: async () => ({ json: await validateDefinitions(ctx) }),
    }),
  ];
}
