import type { Db } from "~/utils/db.server";
import { createNotification } from "~/features/notifications/service.server";
import type { ParsedJobPayload } from "../definitions";

export async function notify(db: Db, payload: ParsedJobPayload<"notify">): Promise<void> {
  const user = await db.user.findUnique({ where: { id: payload.userId }, select: { id: true } });
  if (!user) return;
  await createNotification(db, payload);
}
