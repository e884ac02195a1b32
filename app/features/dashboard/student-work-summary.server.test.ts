import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { getMissionDashboard } from "~/features/missions/service.server";
import { recommendNextSteps } from "~/features/skills/service.server";
import { createUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { requestScope } from "~/utils/request-scope.server";

/** The names of the prepared statements sent while `work` runs. */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  try {
    await work();
    return spy.mock.calls.flatMap(([config]: unknown[]) => (typeof config === "object" && config !== null && "name" in config ? [String(config.name)] : []));
  } finally {
    spy.mockRestore();
  }
}

describe("a student's work summary", () => {
  it("is read once per request: the dashboard's cards and its recommendations share one statement", async () => {
    const db = getDb();
    const student = await createUser();
    const mission = await createMission();
    await startProgress(student.id, mission.id);
    // The catalogue and the student's context are read (and cached) first, so only the page's own statements are counted.
    await getMissionDashboard(db, student);

    const sent = await statementsDuring(() =>
      requestScope.run(new Map(), async () => {
        const [dashboard, recommendations] = await Promise.all([getMissionDashboard(db, student), recommendNextSteps(db, student)]);
        expect([...dashboard.inProgress, ...dashboard.available].find((card) => card.id === mission.id)?.progress).toMatchObject({ status: "IN_PROGRESS" });
        expect(recommendations).toEqual({ skills: [], criteria: [] });
      }),
    );
    expect(sent.filter((name) => name === "mxp.student-work-summary")).toHaveLength(1);
    expect(sent.filter((name) => name === "mxp.student-context")).toHaveLength(1);

    // Outside a request each call reads its own.
    const apart = await statementsDuring(() => Promise.all([getMissionDashboard(db, student), recommendNextSteps(db, student)]));
    expect(apart.filter((name) => name === "mxp.student-work-summary")).toHaveLength(2);
  });
});
