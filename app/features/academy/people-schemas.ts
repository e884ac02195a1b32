import { z } from "zod";
import { ROLES } from "~/domain/roles";
import { storableText } from "~/utils/validation";
import { AUDIT_ACTIONS } from "./audit-actions";

export type { AuditAction } from "./audit-actions";

export const USERS_PAGE_SIZE = 50;
export const AUDIT_PAGE_SIZE = 50;

const id = storableText().trim().min(1).max(64);

export const userListFilters = z.object({
  q: storableText().trim().max(200, "Search with at most 200 characters").optional(),
  role: z.enum(ROLES, { error: `Use one of ${ROLES.join(", ")}` }).optional(),
  /** The e-mail address of the last user on the previous page. */
  after: storableText().trim().max(320).optional(),
});

export const userIdInput = z.object({ userId: id });

export const setRoleInput = z.object({
  userId: id,
  role: z.enum(ROLES, { error: `Use one of ${ROLES.join(", ")}` }),
});

export const auditLogFilters = z.object({
  action: z.enum(AUDIT_ACTIONS, { error: `Use one of ${AUDIT_ACTIONS.join(", ")}` }).optional(),
  /** The e-mail address of the admin who made the change. */
  actor: storableText().trim().toLowerCase().max(320).optional(),
  /** The id of the record changed (a user, a mission, a grant). */
  target: id.optional(),
  /** The id of the last entry on the previous page. */
  after: id.optional(),
});

const roleSchema = z.enum(ROLES);

export const userListSchema = z
  .object({
    users: z.array(z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema, createdAt: z.string() })),
    next: z.string().nullable(),
  })
  .meta({ id: "AdminUserList" });

export const userDetailSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      handle: z.string(),
      role: roleSchema,
      createdAt: z.string(),
      profilerScore: z.number().int().nullable(),
    }),
    plan: z.object({ tier: z.enum(["FREE", "STARTER", "PREMIUM"]), source: z.enum(["free", "subscription", "grant"]) }),
    mentorTrackIds: z.array(z.string()),
    progress: z.array(
      z.object({
        missionId: z.string(),
        missionSlug: z.string(),
        missionTitle: z.string(),
        status: z.string(),
        attempts: z.number().int(),
        latestAiTotal: z.number().nullable(),
        latestMentorTotal: z.number().nullable(),
        updatedAt: z.string(),
      }),
    ),
  })
  .meta({ id: "AdminUserDetail" });

export const roleChangeSchema = z.object({ userId: z.string(), role: roleSchema }).meta({ id: "AdminRoleChange" });

export const auditLogSchema = z
  .object({
    entries: z.array(
      z.object({
        id: z.string(),
        action: z.enum(AUDIT_ACTIONS),
        target: z.object({ type: z.string(), id: z.string(), label: z.string() }),
        actor: z.object({ email: z.string(), name: z.string() }),
        // The record's fields before and after the change, as the action writes them.
        before: z.record(z.string(), z.unknown()).nullable(),
        after: z.record(z.string(), z.unknown()).nullable(),
        at: z.string(),
      }),
    ),
    next: z.string().nullable(),
  })
  .meta({ id: "AuditLog" });
