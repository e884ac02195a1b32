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
