import { describe, expect, it } from "vitest";
import { createSession } from "~/features/accounts/session.server";
import { followTrack } from "~/features/onboarding/service.server";
import { action, loader } from "~/routes/dashboard._index";
import { cookieHeader, createUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { getDashboardOverview } from "./overview.server";

const context = { clientAddress: "198.51.100.7", requestId: "test" };

async function studentOverview(user: Awaited<ReturnType<typeof createUser>>) {
  const overview = await getDashboardOverview(getDb(), { ...user, role: "STUDENT" });
  if (overview.role !== "STUDENT") throw new Error("a student's overview was expected");
  return overview;
}

describe("a student's overview", () => {
  it("welcomes a new student with the first-run checklist and one mission to start, ticking each step from real data", async () => {
    const db = getDb();
    const student = await createUser();
    const mission = await createMission();
    const track = await db.track.findUniqueOrThrow({ where: { id: mission.trackId } });

    const fresh = await studentOverview(student);
    expect(fresh.firstVisit).toBe(true);
    expect(fresh.checklist).toEqual({
      steps: [
        { id: "track", done: false },
        { id: "start", done: false },
        { id: "submit", done: false },
      ],
      next: "track",
    });
    expect(fresh.current).toBeNull();
    expect(fresh.startHere).toMatchObject({ progress: null, locks: [] });
    expect(fresh.startQuestion).toMatch(/^This uses your 1 start for [A-Z][a-z]+\.$/);

    await followTrack(db, student, track.slug);
    const following = await studentOverview(student);
    expect(following.checklist?.next).toBe("start");
    // Only the followed track's missions are offered now.
    expect(following.startHere?.id).toBe(mission.id);

    const progress = await startProgress(student.id, mission.id);
    const started = await studentOverview(student);
    expect(started.firstVisit).toBe(false);
    expect(started.checklist?.next).toBe("submit");
    expect(started.current?.id).toBe(mission.id);

    await db.missionProgress.update({ where: { id: progress.id }, data: { status: "SUBMITTED" } });
    const submitted = await studentOverview(student);
    expect(submitted.checklist).toBeNull();
    // Submitted work is no longer the student's to carry on with.
    expect(submitted.current).toBeNull();
    expect(submitted.inReview).toBe(1);
  });

  it("does not ask before a start on a plan without a monthly limit", async () => {
    expect((await studentOverview(await createUser({ tier: "PREMIUM" }))).startQuestion).toBeNull();
  });
});

describe("the overview's track form", () => {
  async function post(userId: string, fields: Record<string, string>) {
    const { token } = await createSession(getDb(), userId);
    const request = new Request("http://mxp.test/dashboard?index", { method: "POST", headers: { Cookie: cookieHeader(token) }, body: new URLSearchParams(fields) });
    return action({ request, params: {}, context });
  }

  it("follows the track and comes back to the dashboard, which no longer asks for one", async () => {
    const student = await createUser();
    const mission = await createMission();
    const track = await getDb().track.findUniqueOrThrow({ where: { id: mission.trackId } });
    const response = await post(student.id, { intent: "follow-track", track: track.slug });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/dashboard");
    expect(await getDb().trackEnrollment.count({ where: { userId: student.id, trackId: track.id } })).toBe(1);
    // Following it again changes nothing.
    await post(student.id, { intent: "follow-track", track: track.slug });
    expect(await getDb().trackEnrollment.count({ where: { userId: student.id } })).toBe(1);

    const { token } = await createSession(getDb(), student.id);
    const page = await loader({ request: new Request("http://mxp.test/dashboard", { headers: { Cookie: cookieHeader(token) } }), params: {}, context });
    const { overview } = (await page.json()) as { overview: { checklist: { next: string } | null } };
    expect(overview.checklist?.next).toBe("start");
  });

  it("sends an unknown track back to the form with a message, and refuses staff", async () => {
    const student = await createUser();
    const unknown = await post(student.id, { intent: "follow-track", track: "no-such-track" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ formError: "Pick a track from the list." });
    const mentor = await createUser({ role: "MENTOR" });
    expect((await post(mentor.id, { intent: "follow-track", track: "no-such-track" })).status).toBe(403);
  });
});
