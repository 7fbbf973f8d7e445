import { z } from "zod";

/*
 * Who may do what. The service checks a route's permission against the
 * caller's role; the add-in reads the same table to offer only what the
 * signed-in role may do; the README's route × role matrix is generated from it.
 */

export const roleSchema = z.enum(["viewer", "planner", "sales", "finance", "approver", "admin"]);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

export const PERMISSIONS = ["read", "compute", "import", "run", "request", "edit-policies", "decide-step", "decide", "admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const permissionSchema = z.enum(PERMISSIONS);

/** What each permission lets a token do, in words for the person issuing it. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  read: "read segments, versions and the audit trail",
  compute: "run calculations",
  import: "import files",
  run: "run segmentations and generate recommendations",
  request: "propose changes",
  "edit-policies": "propose policy tables",
  "decide-step": "approve or reject a change request at a step that names their role",
  decide: "approve or reject changes",
  admin: "administer tokens and freeze windows",
};

/** The permissions a role holds, in the table's order. */
export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/*
 * "decide-step": planners, sales and finance approve the steps of a
 * multi-step request that name their role (which step needs whom is the
 * service's approval rules); "decide" is the approver's whole queue and bulk
 * approval, and implies decide-step.
 */
const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["read", "compute"],
  planner: ["read", "compute", "import", "run", "request", "edit-policies", "decide-step"],
  sales: ["read", "compute", "request", "decide-step"],
  finance: ["read", "compute", "request", "decide-step"],
  approver: ["read", "compute", "decide-step", "decide"],
  admin: ["read", "compute", "import", "run", "request", "edit-policies", "decide-step", "decide", "admin"],
};

/** Whether `role` holds `permission`; an unknown role (an old token, a typo in settings) holds none. A token scoped to decide (issued before decide-step existed) also decides steps. */
export function can(role: Role | string | null | undefined, permission: Permission, scopes?: readonly Permission[] | null): boolean {
  return roleSchema.safeParse(role).success && GRANTS[role as Role].includes(permission) && (!scopes || scopes.includes(permission) || (permission === "decide-step" && scopes.includes("decide")));
}

export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}
