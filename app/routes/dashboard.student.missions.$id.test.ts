import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/dashboard.student.missions.$id";
import { loader as confirmLoader } from "~/routes/dashboard.student.missions.$id_.start";
import { action as listAction } from "~/routes/dashboard.student.missions._index";
import { cookieHeader, createSignedInUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";

// The mission page's forms without JavaScript: each intent reaches its feature's service, and a
// refusal comes back to its form with what was typed.
const context = { clientAddress: "198.51.100.7", requestId: "test" };

async function setup(options: Parameters<typeof createSignedInUser>[0] = {}) {
  const { user, token } = await createSignedInUser(options);
  const mission = await createMission();
  const path = `/dashboard/student/missions/${mission.slug}`;
  const post = (fields: Record<string, string>) =>
    action({
      request: new Request(`http://mxp.test${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookieHeader(token) } }),
      params: { id: mission.slug },
      context,
    });
  const get = (loaderPath: string, id: string, load: typeof loader = loader) =>
    load({ request: new Request(`http://mxp.test${loaderPath}`, { headers: { Cookie: cookieHeader(token) } }), params: { id }, context }).catch(
      (thrown: unknown) => thrown as Response,
    );
  const postToList = (fields: Record<string, string>) =>
    listAction({
      request: new Request("http://mxp.test/dashboard/student/missions?index", { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookieHeader(token) } }),
      params: {},
      context,
    });
  return { user, mission, path, post, get, postToList };
}

describe("the mission page's action", () => {
  it("starts the mission, saves a step and refuses an incomplete submission with what is missing", async () => {
    const { user, mission, path, post } = await setup();

    const started = await post({ intent: "start", confirmed: "yes" });
    expect(started.status).toBe(302);
    expect(started.headers.get("Location")).toBe(path);
    const progress = await getDb().missionProgress.findUniqueOrThrow({ where: { userId_missionId: { userId: user.id, missionId: mission.id } } });

    const step = mission.subtasks[1]!;
    const saved = await post({ intent: "save", progressId: progress.id, version: String(progress.version), subtaskId: step.id, notes: "saved with the button", completed: "on" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`${path}#step-${step.id}`);
    const state = (await getDb().missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).subtaskState as Record<string, { notes: string; completed: boolean }>;
    expect(state[step.id]).toMatchObject({ notes: "saved with the button", completed: true });

    const refused = await post({ intent: "submit", progressId: progress.id, reflection: "Too short." });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { formError: string; code: string; values: Record<string, string>; details: { missing: { kind: string }[] } };
    expect(body.code).toBe("INCOMPLETE_SUBMISSION");
    expect(body.values).toEqual({ intent: "submit", reflection: "Too short." });
    expect(body.details.missing.map((item) => item.kind)).toContain("reflection-too-short");
    expect(await getDb().submission.count({ where: { progressId: progress.id } })).toBe(0);
  });

  it("sends a refused save back to its step's form", async () => {
    const { post } = await setup();
    await post({ intent: "start", confirmed: "yes" });
    const stale = await post({ intent: "save", progressId: "nope", version: "1", subtaskId: "s1", notes: "x" });
    expect(stale.status).toBe(404);
    expect(await stale.json()).toMatchObject({ code: "NOT_FOUND", values: { intent: "save", subtaskId: "s1" } });
  });

  it("refuses a form it does not know", async () => {
    const { post } = await setup();
    const unknown = await post({ intent: "delete-everything" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: "VALIDATION_FAILED", formError: "This form sent an action the page does not know." });
  });

  it("asks first, on a page of its own without JavaScript, before a start that uses the month's quota", async () => {
    const { user, mission, path, post, get, postToList } = await setup();
    const started = async () => (await getDb().missionProgress.count({ where: { userId: user.id, missionId: mission.id } })) > 0;

    const asked = await post({ intent: "start" });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(`${path}/start`);
    expect(await started()).toBe(false);
    // The mission list's Start buttons send the mission's id: they are asked the same way.
    const fromList = await postToList({ missionId: mission.id });
    expect(fromList.headers.get("Location")).toBe(`${path}/start`);
    expect(await started()).toBe(false);

    const page = (await (await get(`${path}/start`, mission.slug, confirmLoader as unknown as typeof loader)).json()) as { question: string; slug: string };
    expect(page).toMatchObject({ slug: mission.slug, question: expect.stringMatching(/^This uses your 1 start for [A-Z][a-z]+\.$/) as string });

    const confirmed = await postToList({ missionId: mission.id, confirmed: "yes" });
    expect(confirmed.headers.get("Location")).toBe(path);
    expect(await started()).toBe(true);
    // Started: nothing left to ask, the confirmation page leads back to the mission.
    const after = await get(`${path}/start`, mission.slug, confirmLoader as unknown as typeof loader);
    expect(after.status).toBe(302);
    expect(after.headers.get("Location")).toBe(path);
  });

  it("starts at once for a plan without a monthly limit", async () => {
    const { post, path } = await setup({ tier: "PREMIUM" });
    const started = await post({ intent: "start" });
    expect(started.headers.get("Location")).toBe(path);
  });

  it("answers a mission's id address with its slug address", async () => {
    const { mission, path, get } = await setup();
    const moved = await get(`/dashboard/student/missions/${mission.id}?tab=x`, mission.id);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("Location")).toBe(`${path}?tab=x`);
  });
});
