import { z } from "zod";

export const roleSchema = z.enum(["viewer", "planner", "sales", "finance", "approver", "admin"]);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

/** What a route needs; the README's route × role matrix is generated from the route table. */
export type Permission = "read" | "compute" | "import" | "run" | "request" | "edit-policies" | "decide" | "admin";

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["read", "compute"],
  planner: ["read", "compute", "import", "run", "request", "edit-policies"],
  sales: ["read", "compute", "request"],
  finance: ["read", "compute", "request"],
  approver: ["read", "compute", "decide"],
  admin: ["read", "compute", "import", "run", "request", "edit-policies", "decide", "admin"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}

export interface Actor {
  tokenId: string;
  name: string;
  role: Role;
}
