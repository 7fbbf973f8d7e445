import type { ServiceContext } from "../../useCases/context";
import { createSchedule, deleteSchedule, listSchedules, replaceSchedule } from "../../useCases/schedules";
import { runScheduleNow } from "../../useCases/schedulesRun";
import type { Handlers } from "../route";

/** Reclassification schedules: list, create, replace, delete, run now. */
export function scheduleHandlers(ctx: ServiceContext): Handlers<"listSchedules" | "createSchedule" | "replaceSchedule" | "deleteSchedule" | "runSchedule"> {
  return {
    listSchedules: async () => ({ json: await listSchedules(ctx) }),
    createSchedule: async ({ body, actor }) => ({ status: 201, json: await createSchedule(ctx, actor, body) }),
    replaceSchedule: async ({ params, body, actor }) => ({ json: await replaceSchedule(ctx, actor, params.id, body) }),
    deleteSchedule: async ({ params, actor }) => ({ json: await deleteSchedule(ctx, actor, params.id) }),
    runSchedule: async ({ params, actor }) => ({ status: 202, json: await runScheduleNow(ctx, actor, params.id) }),
  };
}
