import type { Prisma } from "~/utils/db.server";
import { createNotificationIn } from "~/features/notifications/service.server";
import { mentorsForTrack } from "./queries.server";

type Tx = Prisma.TransactionClient;

/** Tells the mentors who may take a new request about it (in the transaction that made it). */
export async function notifyMentorsOfRequestIn(tx: Tx, request: { reviewId: string; trackId: string; missionTitle: string; attempt: number; regrade: boolean }): Promise<void> {
  const mentors = await mentorsForTrack(tx, request.trackId);
  for (const mentor of mentors) {
    await createNotificationIn(tx, {
      userId: mentor.id,
      kind: "mentor-review-requested",
      title: request.regrade ? "A student disputes a review" : "A review is waiting for a mentor",
      body: `Attempt ${request.attempt} of “${request.missionTitle}” is in the review queue${request.regrade ? ", with the criteria the student thinks were scored wrong" : ""}.`,
      link: "/dashboard/mentor/reviews",
      dedupeKey: `mentor-review-requested:${request.reviewId}:${mentor.id}`,
      emailTo: mentor.email,
    });
  }
}
