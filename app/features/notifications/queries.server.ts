import { $Enums } from "@prisma/client";
import { z } from "zod";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

/**
 * A user's latest notifications (newest first, at most `limit`) and how many are unread, in one
 * statement: the notifications page and the bell's list read it on every visit. Always one row.
 */
export const notificationsPage = defineQuery({
  name: "mxp.notifications-page",
  text: `SELECT
        COALESCE((SELECT json_agg(json_build_object('id', n."id", 'kind', n."kind", 'title', n."title", 'body', n."body", 'link', n."link",
            'readAt', n."readAt", 'createdAt', n."createdAt") ORDER BY n."createdAt" DESC, n."id" DESC)
          FROM (SELECT * FROM "Notification" WHERE "userId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT $2) AS n), '[]') AS "items",
        (SELECT count(*)::int FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL) AS "unread"`,
  values: (userId: string, limit: number) => [userId, limit],
  row: z.object({
    items: z.array(
      z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), readAt: sqlTimestamp.nullable(), createdAt: sqlTimestamp }),
    ),
    unread: sqlInteger,
  }),
});

/** How many of a user's notifications are unread: the bell of a mentor or an admin (a student's comes with their context). */
export const unreadNotificationCount = defineQuery({
  name: "mxp.unread-notification-count",
  text: `SELECT count(*)::int AS "unread" FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`,
  values: (userId: string) => [userId],
  row: z.object({ unread: sqlInteger }),
});

/**
 * Writes one notification (once per dedupe key) and, in the same round trip, what its e-mail
 * needs: whether the recipient switched this kind of e-mail off ($9: a kind they can switch) and
 * their address ($10: when the caller does not have it). Runs inside the caller's transaction,
 * the AI review's among them, so it adds no statement to it.
 */
export const insertNotification = defineQuery({
  name: "mxp.insert-notification",
  text: `WITH inserted AS (
      INSERT INTO "Notification" ("id", "userId", "kind", "title", "body", "link", "dedupeKey", "createdAt")
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamp)
      ON CONFLICT DO NOTHING
      RETURNING "id")
    SELECT (SELECT count(*) FROM inserted) AS "created",
      CASE WHEN $9::boolean THEN NOT EXISTS (SELECT 1 FROM "EmailPreference" WHERE "userId" = $2 AND "kind" = $3 AND NOT "email") ELSE true END AS "emailOn",
      CASE WHEN $10::boolean THEN (SELECT "email" FROM "User" WHERE "id" = $2) END AS "address"`,
  values: (notice: {
    id: string;
    userId: string;
    kind: string;
    title: string;
    body: string;
    link: string | null;
    dedupeKey: string | null;
    createdAt: Date;
    checkPreference: boolean;
    readAddress: boolean;
  }) => [notice.id, notice.userId, notice.kind, notice.title, notice.body, notice.link, notice.dedupeKey, notice.createdAt, notice.checkPreference, notice.readAddress],
  row: z.object({ created: sqlInteger, emailOn: z.boolean(), address: z.string().nullable() }),
});

/**
 * E-mails whose delivery failed: given up (FAILED) or failed at least once and waiting for
 * another try, newest failure first, with when graphile-worker will try next (none once its
 * tries are used up) and whether a worker is sending it now.
 */
export const failingEmails = defineQuery({
  name: "mxp.failing-emails",
  text: `SELECT e."id", e."to", e."subject", e."status"::text AS "status", e."attempts", e."error", e."lastAttemptAt", e."createdAt",
        j.run_at AS "nextTryAt", (j.locked_at IS NOT NULL) AS "sending"
      FROM "EmailOutbox" e
      LEFT JOIN graphile_worker.jobs j ON j.key = 'send-email:' || e."id" AND j.attempts < j.max_attempts
      WHERE e."status" = 'FAILED' OR (e."status" = 'PENDING' AND e."error" IS NOT NULL)
      ORDER BY e."lastAttemptAt" DESC NULLS LAST, e."createdAt" DESC, e."id"
      LIMIT $1`,
  values: (limit: number) => [limit],
  row: z.object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(["PENDING", "FAILED"]),
    attempts: sqlInteger,
    error: z.string().nullable(),
    lastAttemptAt: sqlTimestamp.nullable(),
    createdAt: sqlTimestamp,
    nextTryAt: sqlTimestamp.nullable(),
    sending: z.boolean(),
  }),
});

/**
 * Writes one outbox row; the caller queues its delivery job in the same transaction. The outbox
 * sits on the review pipeline's path (every review's "your review is ready" e-mail): a typed
 * statement here costs the worker a fraction of an ORM call (ADR 039).
 */
export const insertEmail = defineQuery({
  name: "mxp.insert-email",
  text: `INSERT INTO "EmailOutbox" ("id", "userId", "to", "subject", "text", "html", "dedupeKey", "createdAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamp)
    RETURNING "id"`,
  values: (email: { id: string; userId: string | null; to: string; subject: string; text: string; html: string; dedupeKey: string | null; createdAt: Date }) => [
    email.id,
    email.userId,
    email.to,
    email.subject,
    email.text,
    email.html,
    email.dedupeKey,
    email.createdAt,
  ],
  row: z.object({ id: z.string() }),
});

/** What the send-email job needs of one outbox row (none: the row is gone). */
export const emailForDelivery = defineQuery({
  name: "mxp.email-for-delivery",
  text: `SELECT "id", "to", "subject", "text", "html", "status"::text AS "status" FROM "EmailOutbox" WHERE "id" = $1`,
  values: (emailId: string) => [emailId],
  row: z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), html: z.string().nullable(), status: z.enum($Enums.EmailStatus) }),
});

/**
 * Records one try at sending an outbox row: counted, by which transport and when it started;
 * `error` is the failed try's (null once sent); `sentAt` is when a try succeeded; `status` is
 * where the row stands after it.
 */
export const recordEmailAttempt = defineQuery({
  name: "mxp.record-email-attempt",
  text: `UPDATE "EmailOutbox" SET "status" = $2::"EmailStatus", "error" = $3, "transport" = $4, "lastAttemptAt" = $5::timestamp,
      "attempts" = "attempts" + 1, "sentAt" = COALESCE($6::timestamp, "sentAt")
    WHERE "id" = $1
    RETURNING "attempts"`,
  values: (attempt: { emailId: string; status: $Enums.EmailStatus; error: string | null; transport: string; at: Date; sentAt: Date | null }) => [
    attempt.emailId,
    attempt.status,
    attempt.error,
    attempt.transport,
    attempt.at,
    attempt.sentAt,
  ],
  row: z.object({ attempts: sqlInteger }),
});
