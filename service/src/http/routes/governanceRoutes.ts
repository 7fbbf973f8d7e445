import type { RequestHandler } from "express";
import multer from "multer";
import { readAuditTrail } from "../../useCases/entityAudit";
import { createPolicyChangeRequest } from "../../useCases/changeRequests";
import type { ServiceContext } from "../../useCases/context";
import { importRows } from "../../useCases/imports";
import { startImportJob } from "../../useCases/importJob";
import { currentPolicies } from "../../useCases/policies";
import { createRateChangeRequest, readRateTable } from "../../useCases/rateTable";
import { runOffThread } from "../../workers/taskPool";
import { validateDefinitions } from "../../useCases/segmentationRuns";
import { AppError, badRequest } from "../../appError";
import { notModified } from "../conditional";
import { csvCell } from "../../files/csvCell";
import type { Handlers } from "../route";

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

type GovernanceRoutes = "importFile" | "readAudit" | "readPolicies" | "proposePolicies" | "readActivityRates" | "proposeActivityRates" | "me" | "validateDefinitions";

/** Imports, the audit trail, the policy table, the caller's identity and upgrade validation. */
export function governanceHandlers(ctx: ServiceContext, options: { maxUploadBytes: number; importJobBytes: number }): Handlers<GovernanceRoutes> {
  return {
    importFile: {
      before: [multipartUpload("file", options.maxUploadBytes)],
      handle: async ({ body, actor, req }) => {
        const file = req.file;
        if (!file) throw badRequest("file: attach the file as multipart field `file`", [{ field: "file", message: "required" }]);
        // Parsing (xlsx above all) is CPU work: on the task pool, within the compute budget.
        // A large file would hold the request (and a proxy's timeout) for minutes: it becomes a job.
        if (ctx.jobs && file.size > options.importJobBytes) return { status: 202, json: await startImportJob(ctx, actor, body.kind, file.originalname, file.buffer) };
        const rows = await runOffThread(ctx.pool, { kind: "read-tabular", name: file.originalname, data: file.buffer });
        return { status: 201, json: await importRows(ctx, actor, body.kind, rows, file.originalname) };
      },
    },
    readAudit: async ({ query }) => {
      const entries = await readAuditTrail(ctx, {
        entity: query.entity,
        dimension: query.dimension,
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
    readPolicies: async ({ req }) => {
      const policies = await currentPolicies(ctx.db);
      // Version as entity tag, as for segments: TIER.POLICY cells revalidate for free.
      const etag = `"policy-v${policies.version}"`;
      const headers = { ETag: etag, "Cache-Control": "no-store", "X-Tierline-Version": String(policies.version) };
      if (notModified(req, etag)) return { status: 304, headers };
      return { json: policies, headers };
    },
    proposePolicies: async ({ body, actor }) => ({ status: 201, json: await createPolicyChangeRequest(ctx, actor, body.rows, body.justification) }),
    readActivityRates: async () => ({ json: await readRateTable(ctx.db, ctx.now()) }),
    proposeActivityRates: async ({ body, actor }) => ({ status: 201, json: await createRateChangeRequest(ctx, actor, body) }),
    me: async ({ actor }) => ({ json: { name: actor.name, subject: actor.subject, role: actor.role } }),
    validateDefinitions: async () => ({ json: await validateDefinitions(ctx) }),
  };
}
