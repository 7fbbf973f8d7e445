import { can, routes, rolesWith } from "../../../../shared/src/api";
import { AppError, forbidden } from "../../appError";
import type { JobQueue } from "../../jobs/jobQueue";
import type { ServiceContext } from "../../useCases/context";
import type { Handlers } from "../route";

/** Long work as jobs: start, list, read, cancel. */
export function jobHandlers(ctx: ServiceContext): Handlers<"startJob" | "listJobs" | "readJob" | "cancelJob"> {
  const jobs = (): JobQueue => {
    if (!ctx.jobs) throw new AppError(503, "Jobs unavailable", "this service runs no job queue");
    return ctx.jobs;
  };
  return {
    startJob: async ({ body, actor }) => {
      // The kind's own route decides who may start it, as if it were called directly; a kind with no synchronous route needs "run".
      const permission = body.kind === "forecastProducts" ? "run" : routes[body.kind].permission;
      if (!can(actor.role, permission, actor.scopes)) throw forbidden(`role ${actor.role} may not start a ${body.kind} job; allowed: ${rolesWith(permission).join(", ")}`);
      return { status: 202, json: await jobs().start(body.kind, body.body, actor) };
    },
    listJobs: async ({ query }) => ({ json: await jobs().list(query) }),
    readJob: async ({ params }) => ({ json: await jobs().get(params.id) }),
    cancelJob: async ({ params, actor }) => ({ json: await jobs().cancel(params.id, actor) }),
  };
}
