import type { Db } from "~/utils/db.server";
import { createNotification } from "~/features/notifications/service.server";
import type { ParsedJobPayload } from "../definitions";

export async function sendWelcome(db: Db, payload: ParsedJobPayload<"send-welcome">): Promise<void> {
  const user = await db.user.findUnique({ where: { id: payload.userId }, select: { id: true, name: true } });
  if (!user) return; // the account was deleted before the job ran: nothing to welcome
  await createNotification(db, {
    userId: user.id,
    kind: "welcome",
    title: `Welcome to MXP, ${user.name}`,
    body: "Pick a track, start your first mission and build a portfolio employers can see. Your missions are waiting.",
    link: "/dashboard",
    dedupeKey: `welcome:${user.id}`,
    email: true,
  });
}
