import type { Prisma } from "@prisma/client";
import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db, Queryable } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import type { AuditAction } from "./audit-actions";
import { AUDIT_PAGE_SIZE, auditLogFilters } from "./people-schemas";

export interface AuditChange {
  actorId: string;
  action: AuditAction;
  target: { type: "User" | "Mission" | "Track" | "TierGrant" | "Job"; id: string; label: string };
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

/** Writes one entry of the audit log; call it inside the change's own transaction, so a change is never without its entry. */
export async function recordAudit(tx: Queryable, change: AuditChange): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: change.actorId,
      action: change.action,
      targetType: change.target.type,
      targetId: change.target.id,
      targetLabel: change.target.label,
      before: change.before ?? undefined,
      after: change.after ?? undefined,
    },
  });
}

/** The audit log, newest first, a page at a time (keyset: the page after an entry id), filtered by action, actor or target. */
export async function auditLog(db: Db, admin: PublicUser, rawFilters: unknown) {
  assertRole(admin, "ADMIN");
  const filters = parseOrThrow(auditLogFilters, rawFilters ?? {});
  const after = filters.after ? await db.auditEntry.findUnique({ where: { id: filters.after }, select: { id: true, createdAt: true } }) : null;
  if (filters.after && !after)
    throw new AppError("VALIDATION_FAILED", "This page of the log does not exist: start again from the newest changes.", { fieldErrors: { after: ["Unknown entry"] } });
  const rows = await db.auditEntry.findMany({
    where: {
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.actor ? { actor: { email: filters.actor } } : {}),
      ...(filters.target ? { targetId: filters.target } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      targetLabel: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { email: true, name: true } },
    },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map((row) => ({
      id: row.id,
      action: row.action as AuditAction,
      target: { type: row.targetType, id: row.targetId, label: row.targetLabel },
      actor: row.actor,
      before: row.before as Record<string, unknown> | null,
      after: row.after as Record<string, unknown> | null,
      at: row.createdAt.toISOString(),
    })),
    next: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}
