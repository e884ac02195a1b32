import type { $Enums } from "@prisma/client";
import type { Assert, Same } from "./database-enums";

export const ROLES = ["STUDENT", "MENTOR", "ADMIN"] as const satisfies readonly $Enums.Role[];
export type Role = (typeof ROLES)[number];
export type RolesMatchTheDatabase = Assert<Same<Role, $Enums.Role>>;

/** Admins can do what mentors can; mentors are not students. */
export function roleSatisfies(actual: Role, required: Role): boolean {
  if (actual === required) return true;
  return actual === "ADMIN" && required === "MENTOR";
}
