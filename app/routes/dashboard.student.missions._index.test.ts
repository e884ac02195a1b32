import { describe, expect, it } from "vitest";
import { createSession } from "~/features/accounts/session.server";
import { loader } from "~/routes/dashboard.student.missions._index";
import { cookieHeader, createUser } from "~/testing/factories";
import { reviewedAttempt } from "~/testing/mentoring";
import { getDb } from "~/utils/db.server";

const context = { clientAddress: "198.51.100.7", requestId: "test" };

async function load(userId: string) {
  const { token } = await createSession(getDb(), userId);
  const response = await loader({ request: new Request("http://mxp.test/dashboard/student/missions", { headers: { Cookie: cookieHeader(token) } }), params: {}, context });
  return (await response.json()) as { recommendations: { criteria: { title: string; recipe: { title: string } | null }[] } | null };
}

describe("the mission dashboard's recommendations", () => {
  it("name the lowest-scored criteria of a student's latest review with a recipe of that mission", async () => {
    const { student, mission } = await reviewedAttempt({ passed: false, skills: [{ key: "dashboard-rec", weight: 1 }] });
    const skill = await getDb().skill.findUniqueOrThrow({ where: { key: "dashboard-rec" } });
    await getDb().recipe.create({
      data: { missionId: mission.id, skillId: skill.id, position: 1, title: "Tie each packet to a step", minutes: 15, url: "https://learn.example/packets" },
    });
    const { recommendations } = await load(student.id);
    expect(recommendations!.criteria.map((criterion) => [criterion.title, criterion.recipe?.title])).toEqual([
      ["Analysis", "Tie each packet to a step"],
      ["Communication", "Tie each packet to a step"],
      ["Evidence", "Tie each packet to a step"],
    ]);
  });

  it("are not read for staff, who have no reviews of their own", async () => {
    expect((await load((await createUser({ role: "MENTOR" })).id)).recommendations).toBeNull();
  });
});
