import type { RequestHandler } from "express";
import multer from "multer";
import { z } from "zod";
import { importKindSchema, putPoliciesSchema, queryText } from "../../../../shared/src/api";
import { queryAudit } from "../../useCases/audit";
import { createPolicyChangeRequest } from "../../useCases/changeRequests";
import type { ServiceContext } from "../../useCases/context";
import { importRows } from "../../useCases/imports";
import { currentPolicies } from "../../useCases/policies";
import { runOffThread } from "../../workers/taskPool";
import { validateDefinitions } from "../../useCases/segmentationRuns";
import { AppError, badRequest } from "../../appError";
import { notModified } from "../conditional";
import { csvCell } from "../../files/csvCell";
import { defineRoute } from "../route";

/**
 * The multipart reader of an upload route: refuses what is not multipart, or
 * declares a length over the limit, before reading a byte of the body, and
 * turns the parser's complaints about a malformed body (no boundary, a bad
 * part header, an unexpected end) into a 400 instead of a 500.
 */
function multipartUpload(field: string, limitBytes: number): RequestHandler {
  const maxBytes = Math.floor(limitBytes);
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 } }).single(field);
  // Room for the part headers and the form's other fields around the file.
  const maxBody = maxBytes + 64 * 1024;
  return (req, res, next) => {
    if (!req.is("multipart/form-data")) {
      return next(new AppError(415, "Unsupported media type", `body: send the file as multipart/form-data with the file in field \`${field}\``, [{ field: "body", message: "not multipart/form-data" }]));
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBody) {
      return next(new AppError(413, "Content too large", `body: ${declared} bytes is larger than the upload limit of ${maxBytes} bytes`, [{ field: "file", message: "too large" }]));
    }
    upload(req, res, (error?: unknown) => {
      if (!error || (error as { name?: string }).name === "MulterError") return next(error);
      const message = error instanceof Error ? error.message : String(error);
      next(badRequest(`body: malformed multipart/form-data (${message})`, [{ field: "body", message: "malformed multipart" }]));
    });
  };
}

export function governanceRoutes(ctx: ServiceContext, options: { maxUploadBytes: number }) {
  const upload = multipartUpload("file", options.maxUploadBytes);
  return [
    defineRoute({
      method: "post",
      path: "/imports",
      summary: "Import a CSV or xlsx file",
      permission: "import",
      before: [upload],
      multipart: { file: "file", kind: "string" },
      body: z.object({ kind: importKindSchema }),
      handler: async ({ body, actor, req }) => {
        const file = req.file;
        if (!file) throw badRequest("file: attach the file as multipart field `file`", [{ field: "file", message: "required" }]);
        // Parsing (xlsx above all) is CPU work: on the task pool, within the compute budget.
        const rows = await runOffThread(ctx.pool, { kind: "read-tabular", name: file.originalname, data: file.buffer });
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
