import { can as roleCan, type Permission } from "../../../../shared/src/api";

/** "May the signed-in person do this?", from the role → permission table the service enforces (shared/src/api/roles.ts). */
export type Can = (permission: Permission) => boolean;

/** The helper panes get: nobody signed in holds no permission. */
export function permissionsOf(role: string | undefined): Can {
  return (permission) => roleCan(role, permission);
}
