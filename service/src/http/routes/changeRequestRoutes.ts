import { z } from "zod";
import {
  approveSchema,
  CHANGE_REQUEST_PAGE_DEFAULT,
  CHANGE_REQUEST_PAGE_MAX,
  changeRequestStatusSchema,
  createChangeRequestSchema,
  cursorSchema,
  decideSchema,
  dimensionSchema,
  freeText,
  freezeWindowSchema,
  queryText,
  segmentationRunSchema,
} from "../../../../shared/src/api";
import { randomUUID } from "node:crypto";
import { appendAudit } from "../../useCases/audit";
import { approveChangeRequest, createAssignmentChangeRequest, getChangeRequest, listChangeRequests, rejectChangeRequest } from "../../useCases/changeRequests";
import type { ServiceContext } from "../../useCases/context";
import { startSegmentationRun } from "../../useCases/segmentationRuns";
import { defineRoute } from "../route";

const idParams = z.object({ id: z.uuid("must be a change-request id (a UUID)") });

export function changeRequestRoutes(ctx: ServiceContext) {
  return [
    defineRoute({
      method: "post",
      path: "/segmentation-runs",
      summary: "Run a segmentation method and propose the result",
      permission: "run",
      body: z.intersection(segmentationRunSchema, z.object({ justification: freeText().optional() })),
      handler: async ({ body, actor }) => {
        const { justification, ...definition } = body;
        const result = await startSegmentationRun(ctx, actor!, definition, justification);
        return { status: result.changeRequest ? 201 : 200, json: result };
      },
    }),
    defineRoute({
      method: "post",
      path: "/change-requests",
      summary: "Raise a change request",
      permission: "request",
      body: createChangeRequestSchema,
      handler: async ({ body, actor }) => ({ status: 201, json: await createAssignmentChangeRequest(ctx, actor!, body) }),
    }),
    defineRoute({
      method: "get",
      path: "/change-requests",
      summary: "List change requests",
      permission: "read",
      query: z.object({
        status: changeRequestStatusSchema.optional(),
        dimension: z.union([dimensionSchema, z.literal("policy")]).optional(),
        source: queryText(50).optional(),
        limit: z.coerce.number<unknown>().int().min(1).max(CHANGE_REQUEST_PAGE_MAX).default(CHANGE_REQUEST_PAGE_DEFAULT),
        cursor: cursorSchema.optional(),
      }),
      handler: async ({ query }) => ({ json: await listChangeRequests(ctx, query) }),
    }),
    defineRoute({
      method: "get",
      path: "/change-requests/:id",
      summary: "Read a change request with its changes",
      permission: "read",
      params: idParams,
      handler: async ({ params }) => ({ json: await getChangeRequest(ctx, params.id) }),
    }),
    defineRoute({
      method: "post",
      path: "/change-requests/:id/approve",
      summary: "Approve and apply a change request",
      permission: "decide",
      params: idParams,
      body: approveSchema,
      handler: async ({ params, body, actor }) => ({ json: await approveChangeRequest(ctx, actor!, params.id, body.reason, body.expectedVersion) }),
    }),
    defineRoute({
      method: "post",
      path: "/change-requests/:id/reject",
      summary: "Reject a change request",
      permission: "decide",
      params: idParams,
      body: decideSchema,
      handler: async ({ params, body, actor }) => ({ json: await rejectChangeRequest(ctx, actor!, params.id, body.reason) }),
    }),
    defineRoute({
      method: "post",
      path: "/freeze-windows",
      summary: "Declare a freeze window",
      permission: "admin",
      body: freezeWindowSchema,
      handler: async ({ body, actor }) => {
        const id = randomUUID();
        const now = ctx.now();
        await ctx.db.transaction().execute(async (trx) => {
          await trx.insertInto("freeze_windows").values({ id, dimension: body.dimension ?? null, starts_at: new Date(body.startsAt).toISOString(), ends_at: new Date(body.endsAt).toISOString(), reason: body.reason }).execute();
          await appendAudit(trx, now, { actor: actor!.name, action: "freeze_window.created", entityType: "freeze_window", entityId: id, dimension: body.dimension ?? null, after: body, reason: body.reason });
        });
        return { status: 201, json: { id, ...body } };
      },
    }),
  ];
}
