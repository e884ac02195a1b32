import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "~/server/logger.server";
import { loader as missionsLoader, action as missionsAction } from "~/routes/dashboard.student.missions._index";
import { loader as notificationsLoader } from "~/routes/dashboard.notifications";
import { action as onboardingAction } from "~/routes/dashboard.student.onboarding";
import { loader as evidenceLoader } from "~/routes/evidence.$fileId";
import { cookieHeader, createSignedInUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";

// What a page answers when the address or a form is wrong, and when the server fails: through
// the real loaders and actions, on this file's own PostgreSQL database.

const context = { clientAddress: "198.51.100.7", requestId: "req-4f2a" };

function get(path: string, token: string) {
  return { request: new Request(`http://mxp.test${path}`, { headers: { Cookie: cookieHeader(token) } }), params: {}, context };
}

function post(path: string, token: string, fields: Record<string, string>) {
  return { request: new Request(`http://mxp.test${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookieHeader(token) } }), params: {}, context };
}

async function thrownResponse(promise: Promise<unknown>): Promise<Response> {
  const thrown = await promise.then(
    () => {
      throw new Error("expected the loader to throw a response");
    },
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  return thrown as Response;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a bad query string on a page", () => {
  it("answers 400 naming every bad filter and what would work, not 500", async () => {
    const mission = await createMission();
    const track = await getDb().track.findUniqueOrThrow({ where: { id: mission.trackId } });
    const { token } = await createSignedInUser();
    const errorLog = vi.spyOn(logger, "error");
    const response = await thrownResponse(missionsLoader(get("/dashboard/student/missions?track=nope&difficulty=x", token)));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.message).toBe("Some of the filters in this address are not valid.");
    expect(body.error.details.fieldErrors.difficulty).toEqual(["Use one of NOVICE, BEGINNER, INTERMEDIATE, ADVANCED, ELITE"]);
    expect(body.error.details.fieldErrors.track[0]).toContain("There is no track “nope”. Use one of:");
    expect(body.error.details.fieldErrors.track[0]).toContain(track.slug);
    expect(errorLog).not.toHaveBeenCalled();
  });

  it("answers 400 for an unknown ?show= and still serves ?show=all and an empty filter", async () => {
    await createMission();
    const { token } = await createSignedInUser();
    const response = await thrownResponse(missionsLoader(get("/dashboard/student/missions?show=everything", token)));
    expect(response.status).toBe(400);
    expect((await response.json()).error.details.fieldErrors.show).toEqual(["Use show=all, or leave it out"]);
    const all = await missionsLoader(get("/dashboard/student/missions?show=all&track=&difficulty=", token));
    expect(all.status).toBe(200);
    expect((await all.json()).showAll).toBe(true);
  });

  it("answers 400 for a malformed evidence id and 404 for an unknown one", async () => {
    const { token } = await createSignedInUser();
    const malformed = await thrownResponse(evidenceLoader({ ...get(`/evidence/${"x".repeat(80)}`, token), params: { fileId: "x".repeat(80) } }));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("VALIDATION_FAILED");
    const unknown = await thrownResponse(evidenceLoader({ ...get("/evidence/nope", token), params: { fileId: "nope" } }));
    expect(unknown.status).toBe(404);
  });
});

describe("a form a person can fix", () => {
  it("comes back with a 400 and the message, not an error page", async () => {
    const { token } = await createSignedInUser();
    const noMission = await missionsAction(post("/dashboard/student/missions", token, {}));
    expect(noMission.status).toBe(400);
    expect(await noMission.json()).toMatchObject({ formError: "Choose a mission to start.", code: "VALIDATION_FAILED" });
    const badId = await missionsAction(post("/dashboard/student/missions", token, { missionId: "x".repeat(80) }));
    expect(badId.status).toBe(400);
    const unknown = await missionsAction(post("/dashboard/student/missions", token, { missionId: "no-such-mission" }));
    expect(unknown.status).toBe(404);
    const onboarding = await onboardingAction(post("/dashboard/student/onboarding", token, { linux: "9", tracks: "no-such-track" }));
    expect(onboarding.status).toBe(400);
    expect((await onboarding.json()).fieldErrors).toBeDefined();
  });
});

describe("an unexpected failure on a page", () => {
  it("is logged once with the request id and answered 500 with a generic message and no stack", async () => {
    const { token } = await createSignedInUser();
    const errorLog = vi.spyOn(logger, "error");
    // A real failure below the service: the table the page reads is gone.
    await getDb().$executeRawUnsafe(`ALTER TABLE "Notification" RENAME TO "NotificationAway"`);
    try {
      const response = await thrownResponse(notificationsLoader(get("/dashboard/notifications", token)));
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side. Your work is safe; please try again in a moment." } });
      expect(text).not.toMatch(/Notification|stack|prisma|\.ts:\d+/i);
    } finally {
      await getDb().$executeRawUnsafe(`ALTER TABLE "NotificationAway" RENAME TO "Notification"`);
    }
    expect(errorLog).toHaveBeenCalledTimes(1);
    const [fields, message] = errorLog.mock.calls[0]!;
    expect(message).toBe("page loader failed");
    expect(fields).toMatchObject({ requestId: "req-4f2a", method: "GET", path: "/dashboard/notifications" });
    expect((fields as { error: unknown }).error).toBeInstanceOf(Error);
  });
});
