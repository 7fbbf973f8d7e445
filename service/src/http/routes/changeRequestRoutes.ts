import { approveChangeRequest, createAssignmentChangeRequest, getChangeRequest, listChangeRequests, rejectChangeRequest } from "../../useCases/changeRequests";
import { approveChangeRequests } from "../../useCases/approveMany";
import { readApprovalRules, replaceApprovalRules } from "../../useCases/approvalRules";
import type { ServiceContext } from "../../useCases/context";
import { createFreezeWindow } from "../../useCases/freezeWindows";
import { previewProposal, previewSegmentationRun } from "../../useCases/previewProposal";
import { startSegmentationRun } from "../../useCases/segmentationRuns";
import type { Handlers } from "../route";

type ChangeRequestRoutes =
  | "runSegmentation"
  | "previewSegmentationRun"
  | "previewChangeRequest"
  | "createChangeRequest"
  | "listChangeRequests"
  | "readChangeRequest"
  | "approveChangeRequest"
  | "rejectChangeRequest"
  | "approveChangeRequests"
  | "readApprovalRules"
  | "replaceApprovalRules"
  | "createFreezeWindow";

export function changeRequestHandlers(ctx: ServiceContext): Handlers<ChangeRequestRoutes> {
  return {
    runSegmentation: async ({ body, actor }) => {
      const { justification, ...definition } = body;
      const result = await startSegmentationRun(ctx, actor, definition, justification);
      return { status: result.changeRequest ? 201 : 200, json: result };
    },
    previewSegmentationRun: async ({ body }) => ({ json: await previewSegmentationRun(ctx.db, body) }),
    previewChangeRequest: async ({ body }) => ({ json: await previewProposal(ctx.db, body) }),
    createChangeRequest: async ({ body, actor }) => ({ status: 201, json: await createAssignmentChangeRequest(ctx, actor, body) }),
    listChangeRequests: async ({ query }) => ({ json: await listChangeRequests(ctx, query) }),
    readChangeRequest: async ({ params }) => ({ json: await getChangeRequest(ctx, params.id) }),
    approveChangeRequest: async ({ params, body, actor }) => ({ json: await approveChangeRequest(ctx, actor, params.id, body.reason, body.expectedVersion) }),
    rejectChangeRequest: async ({ params, body, actor }) => ({ json: await rejectChangeRequest(ctx, actor, params.id, body.reason) }),
    approveChangeRequests: async ({ body, actor }) => ({ json: await approveChangeRequests(ctx, actor, body) }),
    readApprovalRules: async () => ({ json: await readApprovalRules(ctx) }),
    replaceApprovalRules: async ({ body, actor }) => ({ json: await replaceApprovalRules(ctx, actor, body) }),
    createFreezeWindow: async ({ body, actor }) => ({ status: 201, json: await createFreezeWindow(ctx, actor, body) }),
  };
}
