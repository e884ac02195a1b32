import { describe, expect, it } from "vitest";
import { createUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { onboardingTracks } from "./service.server";

describe("onboardingTracks", () => {
  it("offers the published tracks in order, and shows an edit on the next request", async () => {
    const db = getDb();
    const student = await createUser();
    const mission = await createMission();
    const track = await db.track.findUniqueOrThrow({ where: { id: mission.trackId } });
    const offered = async () => (await onboardingTracks(db, student)).find((candidate) => candidate.slug === track.slug);

    expect(await offered()).toEqual({ slug: track.slug, title: track.title, summary: track.summary });
    await db.track.update({ where: { id: track.id }, data: { summary: "A sharper summary." } });
    expect(await offered()).toMatchObject({ summary: "A sharper summary." });
    await db.track.update({ where: { id: track.id }, data: { published: false } });
    expect(await offered()).toBeUndefined();

    const published = await db.track.findMany({ where: { published: true }, orderBy: { position: "asc" }, select: { slug: true } });
    expect((await onboardingTracks(db, student)).map((candidate) => candidate.slug)).toEqual(published.map((candidate) => candidate.slug));
  });
});
