import { describe, expect, it } from "vitest";
import { evidenceStorageFor, readStream } from "~/adapters/storage/storage.server";
import { publishPortfolioItem } from "~/features/portfolio/publish.server";
import { withdrawApprovalIn } from "~/features/approvals/service.server";
import { createUser } from "~/testing/factories";
import { approvedPortfolioItem } from "~/testing/portfolio";
import { LOG_TEXT, NOTES, TIMELINE } from "~/testing/reviews";
import { getDb } from "~/utils/db.server";
import { changeHandle, listPortfolio, openPublicEvidence, publicPortfolio, readByPublicHandle, updatePortfolioItem } from "./service.server";

const storage = () => evidenceStorageFor("LOCAL");

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return await promise.then(
    () => undefined,
    (error: { code?: string }) => error.code,
  );
}

describe("the student's portfolio", () => {
  it("lists only the caller's own items, newest approval first, with the score's reviewer in words and the attempt's files", async () => {
    const first = await approvedPortfolioItem();
    const second = await approvedPortfolioItem({ skills: [{ key: "second-skill", weight: 0.5 }] });
    // The same student approved again later on another mission.
    await getDb().portfolioItem.update({ where: { id: second.item.id }, data: { userId: first.student.id, approvedAt: new Date(first.item.approvedAt.getTime() + 60_000) } });
    const other = await approvedPortfolioItem();

    const portfolio = await listPortfolio(getDb(), first.student);
    expect(portfolio.items.map((item) => item.id)).toEqual([second.item.id, first.item.id]);
    expect(portfolio.handle).toBe(first.student.handle);
    expect(portfolio.publicUrl).toMatch(new RegExp(`/u/${first.student.handle}$`));
    expect(portfolio.items[1]).toMatchObject({
      mission: { id: first.mission.id, slug: first.mission.slug, title: first.mission.title },
      score: 91.7,
      reviewer: { kind: "model", name: "test:scripted", label: "AI review by scripted" },
      isPublic: false,
      files: [{ name: "auth.log", contentType: "text/plain", public: false, url: `/evidence/${first.item.evidenceFileIds[0]}` }],
    });
    expect(portfolio.items.some((item) => item.id === other.item.id)).toBe(false);
    expect((await listPortfolio(getDb(), other.student)).items.map((item) => item.id)).toEqual([other.item.id]);
  });

  it("changes only the caller's own items, and only to files of the item's attempt", async () => {
    const { student, item } = await approvedPortfolioItem();
    const other = await approvedPortfolioItem();
    expect(await codeOf(updatePortfolioItem(getDb(), other.student, { itemId: item.id, isPublic: true }))).toBe("NOT_FOUND");
    expect(await codeOf(updatePortfolioItem(getDb(), student, { itemId: item.id, publicFileIds: other.item.evidenceFileIds }))).toBe("VALIDATION_FAILED");
    expect(await codeOf(updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: "yes" }))).toBe("VALIDATION_FAILED");
    expect(await getDb().portfolioItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ isPublic: false, publicFileIds: [] });

    expect(await updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: true })).toEqual({ id: item.id, isPublic: true, publicFileIds: [] });
    expect(await updatePortfolioItem(getDb(), student, { itemId: item.id, publicFileIds: [...item.evidenceFileIds, ...item.evidenceFileIds] })).toEqual({
      id: item.id,
      isPublic: true,
      publicFileIds: item.evidenceFileIds,
    });
    // The approval job running again keeps the choices.
    await publishPortfolioItem(getDb(), item.submissionId);
    expect((await listPortfolio(getDb(), student)).items[0]).toMatchObject({ isPublic: true, files: [{ public: true }] });
  });
});

describe("the handle", () => {
  it("is validated, normalised and unique, with a message that says what to do", async () => {
    const student = await createUser();
    const rival = await createUser();
    const wanted = `sam-${student.id.slice(-6).toLowerCase()}`;
    expect(await changeHandle(getDb(), student, { handle: `  ${wanted.toUpperCase()} ` })).toEqual({
      handle: wanted,
      publicUrl: expect.stringMatching(new RegExp(`/u/${wanted}$`)),
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: student.id } })).handle).toBe(wanted);
    // Choosing one's own handle again is fine.
    expect((await changeHandle(getDb(), student, { handle: wanted })).handle).toBe(wanted);

    const taken = await changeHandle(getDb(), rival, { handle: wanted }).catch((error: unknown) => error);
    expect(taken).toMatchObject({
      code: "ALREADY_EXISTS",
      message: "That handle is taken. Choose another.",
      details: { fieldErrors: { handle: ["That handle is taken. Choose another."] } },
    });
    const invalid = await changeHandle(getDb(), rival, { handle: "no spaces" }).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ code: "VALIDATION_FAILED", details: { fieldErrors: { handle: [expect.stringMatching(/lowercase letters/)] } } });
    expect(await codeOf(changeHandle(getDb(), rival, { handle: "admin" }))).toBe("VALIDATION_FAILED");
    expect(await codeOf(changeHandle(getDb(), rival, {}))).toBe("VALIDATION_FAILED");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: rival.id } })).handle).toBe(rival.handle);
  });

  it("leaves the old handle leading to the new one until someone else takes it", async () => {
    const db = getDb();
    const student = await createUser();
    const first = student.handle;
    const second = `moved-${student.id.slice(-6).toLowerCase()}`;
    await changeHandle(db, student, { handle: second });
    const read = (handle: string) => readByPublicHandle(db, handle, (live) => publicPortfolio(db, live));

    expect(await read(first)).toEqual({ movedTo: second });
    expect(await read(first.toUpperCase())).toEqual({ movedTo: second });
    expect(await read(second)).toMatchObject({ found: { handle: second } });

    // A third change: both earlier handles lead to the newest.
    const third = `again-${student.id.slice(-6).toLowerCase()}`;
    await changeHandle(db, student, { handle: third });
    expect(await read(first)).toEqual({ movedTo: third });
    expect(await read(second)).toEqual({ movedTo: third });

    // Someone else takes the first handle: it is theirs alone from then on.
    const rival = await createUser();
    await changeHandle(db, rival, { handle: first });
    expect(await read(first)).toMatchObject({ found: { handle: first, name: rival.name } });

    // Taking one's own former handle back: the page is there again, and nothing redirects in a loop.
    await changeHandle(db, student, { handle: second });
    expect(await read(second)).toMatchObject({ found: { handle: second } });
    expect(await read(third)).toEqual({ movedTo: second });

    // A handle nobody ever had is still not found.
    expect(await codeOf(read(`nobody-${student.id.slice(-6).toLowerCase()}`))).toBe("NOT_FOUND");
  });

  it("goes to one of two students asking for it at once", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const wanted = `race-${a.id.slice(-6).toLowerCase()}`;
    const results = await Promise.allSettled([changeHandle(getDb(), a, { handle: wanted }), changeHandle(getDb(), b, { handle: wanted })]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "ALREADY_EXISTS" });
  });
});

describe("the public portfolio", () => {
  it("shows the name and the public items with their chosen files only: no e-mail, notes or other files", async () => {
    const shown = await approvedPortfolioItem();
    const { student } = shown;
    const hidden = await approvedPortfolioItem();
    await getDb().portfolioItem.update({ where: { id: hidden.item.id }, data: { userId: student.id } });
    const withoutFiles = await approvedPortfolioItem();
    await getDb().portfolioItem.update({ where: { id: withoutFiles.item.id }, data: { userId: student.id, isPublic: true } });
    await updatePortfolioItem(getDb(), student, { itemId: shown.item.id, isPublic: true, publicFileIds: shown.item.evidenceFileIds });

    const page = await publicPortfolio(getDb(), student.handle);
    expect(page).toMatchObject({ name: student.name, handle: student.handle });
    expect(page.items.map((item) => item.id).sort()).toEqual([shown.item.id, withoutFiles.item.id].sort());
    const item = page.items.find((entry) => entry.id === shown.item.id)!;
    expect(item.files).toEqual([
      {
        id: shown.item.evidenceFileIds[0],
        name: "auth.log",
        contentType: "text/plain",
        sizeBytes: Buffer.byteLength(LOG_TEXT),
        url: `/u/${student.handle}/files/${shown.item.evidenceFileIds[0]}`,
      },
    ]);
    expect(page.items.find((entry) => entry.id === withoutFiles.item.id)!.files).toEqual([]);
    const text = JSON.stringify(page);
    for (const secret of [student.email, NOTES, TIMELINE, hidden.item.id, hidden.mission.title, ...withoutFiles.item.evidenceFileIds, ...hidden.item.evidenceFileIds]) {
      expect(text).not.toContain(secret);
    }
    // The address is read case-insensitively; an unknown handle, or a staff account's, has no page.
    expect((await publicPortfolio(getDb(), student.handle.toUpperCase())).handle).toBe(student.handle);
    expect(await codeOf(publicPortfolio(getDb(), "nobody-has-this-handle"))).toBe("NOT_FOUND");
    const mentor = await createUser({ role: "MENTOR" });
    expect(await codeOf(publicPortfolio(getDb(), mentor.handle))).toBe("NOT_FOUND");
  });

  it("serves a file only while it is chosen on a public item, and stops at once when it is hidden or unpublished", async () => {
    const { student, item } = await approvedPortfolioItem();
    const other = await approvedPortfolioItem();
    const [fileId] = item.evidenceFileIds as [string];
    const open = () => openPublicEvidence(getDb(), storage(), student.handle, fileId);

    expect(await codeOf(open())).toBe("NOT_FOUND"); // private item
    await updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: true });
    expect(await codeOf(open())).toBe("NOT_FOUND"); // public item, file not chosen
    await updatePortfolioItem(getDb(), student, { itemId: item.id, publicFileIds: [fileId] });
    const opened = await open();
    expect((await readStream(opened.stream)).toString()).toBe(LOG_TEXT);
    expect(opened).toMatchObject({ fileName: "auth.log", contentType: "text/plain", inline: false });

    // Someone else's handle with this file, or someone else's file under this handle: not found.
    expect(await codeOf(openPublicEvidence(getDb(), storage(), other.student.handle, fileId))).toBe("NOT_FOUND");
    expect(await codeOf(openPublicEvidence(getDb(), storage(), student.handle, other.item.evidenceFileIds[0]!))).toBe("NOT_FOUND");
    expect(await codeOf(openPublicEvidence(getDb(), storage(), student.handle, "x".repeat(65)))).toBe("NOT_FOUND");

    await updatePortfolioItem(getDb(), student, { itemId: item.id, publicFileIds: [] });
    expect(await codeOf(open())).toBe("NOT_FOUND");
    expect((await publicPortfolio(getDb(), student.handle)).items[0]!.files).toEqual([]);
    await updatePortfolioItem(getDb(), student, { itemId: item.id, publicFileIds: [fileId] });
    await updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: false });
    expect(await codeOf(open())).toBe("NOT_FOUND");
    expect((await publicPortfolio(getDb(), student.handle)).items).toEqual([]);
  });

  it("loses an item at once when its approval is withdrawn and the portfolio job runs", async () => {
    const { student, item, submission } = await approvedPortfolioItem();
    await updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: true, publicFileIds: item.evidenceFileIds });
    await getDb().$transaction((tx) => withdrawApprovalIn(tx, { submissionId: submission.id, userId: student.id }));
    await publishPortfolioItem(getDb(), submission.id);
    expect((await publicPortfolio(getDb(), student.handle)).items).toEqual([]);
    expect(await codeOf(openPublicEvidence(getDb(), storage(), student.handle, item.evidenceFileIds[0]!))).toBe("NOT_FOUND");
  });
});
