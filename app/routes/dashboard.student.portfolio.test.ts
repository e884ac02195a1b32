import { describe, expect, it } from "vitest";
import { createSession } from "~/features/accounts/session.server";
import { action, loader } from "~/routes/dashboard.student.portfolio";
import { cookieHeader, createUser } from "~/testing/factories";
import { approvedPortfolioItem } from "~/testing/portfolio";
import { getDb } from "~/utils/db.server";

// The portfolio page's forms without JavaScript: each reaches the portfolio service, and a
// refusal comes back to its own form with what was typed.
const context = { clientAddress: "198.51.100.7", requestId: "test" };
const path = "/dashboard/student/portfolio";

async function as(userId: string) {
  const { token } = await createSession(getDb(), userId);
  const headers = { Cookie: cookieHeader(token) };
  return {
    load: async () =>
      (await (await loader({ request: new Request(`http://mxp.test${path}`, { headers }), params: {}, context })).json()) as {
        handle: string;
        items: { id: string; isPublic: boolean; files: { public: boolean }[] }[];
      },
    post: async (fields: [string, string][]) => {
      const response = await action({
        request: new Request(`http://mxp.test${path}`, { method: "POST", body: new URLSearchParams(fields), headers }),
        params: {},
        context,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}

describe("the portfolio page", () => {
  it("shows an item on the public page, chooses its files and changes the handle", async () => {
    const { student, item } = await approvedPortfolioItem();
    const page = await as(student.id);
    expect((await page.load()).items).toEqual([expect.objectContaining({ id: item.id, isPublic: false, files: [expect.objectContaining({ public: false })] })]);

    expect(
      await page.post([
        ["intent", "visibility"],
        ["itemId", item.id],
        ["isPublic", "true"],
      ]),
    ).toEqual({ status: 200, body: { intent: "visibility", itemId: item.id, isPublic: true } });
    expect((await page.post([["intent", "files"], ["itemId", item.id], ...item.evidenceFileIds.map((id): [string, string] => ["publicFileIds", id])])).status).toBe(200);
    expect((await page.load()).items[0]).toMatchObject({ isPublic: true, files: [{ public: true }] });
    // No box ticked: no file shown.
    expect(
      (
        await page.post([
          ["intent", "files"],
          ["itemId", item.id],
        ])
      ).status,
    ).toBe(200);
    expect((await page.load()).items[0]).toMatchObject({ files: [{ public: false }] });

    const wanted = `page-${student.id.slice(-6).toLowerCase()}`;
    expect(
      await page.post([
        ["intent", "handle"],
        ["handle", wanted],
      ]),
    ).toEqual({ status: 200, body: { intent: "handle", handle: wanted } });
    expect((await page.load()).handle).toBe(wanted);
  });

  it("brings a taken or malformed handle back to its form with the message and what was typed", async () => {
    const holder = await createUser();
    const student = await createUser();
    const page = await as(student.id);
    const taken = await page.post([
      ["intent", "handle"],
      ["handle", holder.handle],
    ]);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      code: "ALREADY_EXISTS",
      fieldErrors: { handle: ["That handle is taken. Choose another."] },
      values: { intent: "handle", handle: holder.handle },
    });
    const malformed = await page.post([
      ["intent", "handle"],
      ["handle", "Not OK!"],
    ]);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ fieldErrors: { handle: [expect.stringMatching(/lowercase letters/)] }, values: { handle: "Not OK!" } });
  });

  it("refuses someone else's item as if it did not exist", async () => {
    const { item } = await approvedPortfolioItem();
    const page = await as((await createUser()).id);
    const refused = await page.post([
      ["intent", "visibility"],
      ["itemId", item.id],
      ["isPublic", "true"],
    ]);
    expect(refused).toMatchObject({ status: 404, body: { code: "NOT_FOUND", values: { intent: "visibility", itemId: item.id } } });
    expect((await getDb().portfolioItem.findUniqueOrThrow({ where: { id: item.id } })).isPublic).toBe(false);
  });
});
