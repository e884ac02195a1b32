import { describe, expect, it } from "vitest";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { listNotifications } from "./service.server";

describe("listNotifications", () => {
  it("gives the user's own notifications newest first, up to the limit, with exact times and the unread count", async () => {
    const db = getDb();
    const user = await createUser();
    const other = await createUser();
    const at = (day: number) => new Date(`2026-11-${String(day).padStart(2, "0")}T23:30:00.123Z`);
    for (let day = 1; day <= 5; day++) {
      await db.notification.create({
        data: {
          userId: user.id,
          kind: "review_ready",
          title: `Day ${day}`,
          body: "Open it.",
          link: day % 2 ? "/dashboard" : null,
          createdAt: at(day),
          readAt: day <= 2 ? at(day + 1) : null,
        },
      });
    }
    await db.notification.create({ data: { userId: other.id, kind: "review_ready", title: "Someone else's", body: "x" } });

    const list = await listNotifications(db, user.id, { limit: 3 });
    expect(list.unread).toBe(3);
    const expected = await db.notification.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      take: 3,
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    });
    expect(list.items).toEqual(expected);
    expect(list.items.map((item) => item.title)).toEqual(["Day 5", "Day 4", "Day 3"]);
    expect(list.items[0]!.createdAt.toISOString()).toBe("2026-11-05T23:30:00.123Z");

    const all = await listNotifications(db, user.id, { limit: 100 });
    expect(all.items.map((item) => item.title)).toEqual(["Day 5", "Day 4", "Day 3", "Day 2", "Day 1"]);
    expect(all.items[4]!.readAt?.toISOString()).toBe("2026-11-02T23:30:00.123Z");
    expect(await listNotifications(db, (await createUser()).id)).toEqual({ items: [], unread: 0 });
  });
});
