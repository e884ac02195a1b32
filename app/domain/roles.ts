export const ROLES = ["STUDENT", "MENTOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** Admins can do what mentors can; mentors are not students. */
export function roleSatisfies(actual: Role, required: Role): boolean {
  if (actual === required) return true;
  return actual === "ADMIN" && required === "MENTOR";
}
