export type { Actor } from "./actor";
export { ROLES, can, roleSchema, rolesWith, type Permission, type Role } from "../../../shared/src/api/roles";
