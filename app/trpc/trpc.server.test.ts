import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import { logger } from "~/server/logger.server";
import { createNotification } from "~/features/notifications/service.server";
import { cookieHeader, createSignedInUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { appErrorOf, authedProcedure, createContext, mentorProcedure, adminProcedure, router, createCallerFactory } from "./init.server";
import { createCaller } from "./root.server";

async function callerFor(headers: Record<string, string>) {
  return createCaller(await createContext({ request: new Request("http://mxp.test/api/trpc", { headers }) }));
}

describe("tRPC", () => {
  it("refuses authed procedures without a session", async () => {
    const caller = await callerFor({});
    await expect(caller.notifications.list({ limit: 5 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await caller.account.me()).toBeNull();
  });

  it("lists and marks only the caller's notifications, by cookie or bearer token", async () => {
    const alice = await createSignedInUser();
    const bob = await createSignedInUser();
    await createNotification(getDb(), { userId: alice.user.id, kind: "test", title: "For Alice", body: "hi" });
    await createNotification(getDb(), { userId: bob.user.id, kind: "test", title: "For Bob", body: "hi" });
    const aliceCaller = await callerFor({ Cookie: cookieHeader(alice.token) });
    const list = await aliceCaller.notifications.list({ limit: 10 });
    expect(list.unread).toBe(1);
    expect(list.items.map((item) => item.title)).toEqual(["For Alice"]);

    const bobCaller = await callerFor({ Authorization: `Bearer ${bob.token}` });
    const bobList = await bobCaller.notifications.list({ limit: 10 });
    // Bob cannot mark Alice's notification read by guessing its id
    expect(await bobCaller.notifications.markRead({ ids: [list.items[0]!.id] })).toEqual({ updated: 0 });
    expect(await aliceCaller.notifications.markRead({})).toEqual({ updated: 1 });
    expect((await aliceCaller.notifications.list({ limit: 10 })).unread).toBe(0);
    expect(bobList.unread).toBe(1);
  });

  it("validates input with zod and reports BAD_REQUEST", async () => {
    const alice = await createSignedInUser();
    const caller = await callerFor({ Cookie: cookieHeader(alice.token) });
    await expect(caller.notifications.list({ limit: 5000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("maps AppError to tRPC codes and guards mentor and admin procedures", async () => {
    const testRouter = router({
      authed: authedProcedure.query(() => "ok"),
      mentorOnly: mentorProcedure.query(() => "mentor ok"),
      adminOnly: adminProcedure.query(() => "admin ok"),
      conflict: authedProcedure.query(() => {
        throw new AppError("VERSION_CONFLICT", "Someone saved first");
      }),
    });
    const make = createCallerFactory(testRouter);
    const student = await createSignedInUser();
    const mentor = await createSignedInUser({ role: "MENTOR" });
    const admin = await createSignedInUser({ role: "ADMIN" });
    const ctx = async (token: string) => createContext({ request: new Request("http://mxp.test", { headers: { Cookie: cookieHeader(token) } }) });

    const asStudent = make(await ctx(student.token));
    await expect(asStudent.mentorOnly()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asStudent.adminOnly()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const conflict = await asStudent.conflict().catch((error) => error);
    expect(conflict).toBeInstanceOf(TRPCError);
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toBe("Someone saved first");

    const asMentor = make(await ctx(mentor.token));
    expect(await asMentor.mentorOnly()).toBe("mentor ok");
    await expect(asMentor.adminOnly()).rejects.toMatchObject({ code: "FORBIDDEN" });

    const asAdmin = make(await ctx(admin.token));
    expect(await asAdmin.mentorOnly()).toBe("mentor ok");
    expect(await asAdmin.adminOnly()).toBe("admin ok");
  });

  it("answers a value the database refuses as BAD_REQUEST (VALIDATION_FAILED), and warns so the schema gets fixed", async () => {
    const warn = vi.spyOn(logger, "warn");
    const testRouter = router({
      // A field no input schema checked: the database's refusal is the safety net.
      unchecked: authedProcedure.query(({ ctx }) => ctx.db.missionProgress.findUnique({ where: { id: "a\u0000b" } })),
    });
    const student = await createSignedInUser();
    const caller = createCallerFactory(testRouter)(await createContext({ request: new Request("http://mxp.test", { headers: { Cookie: cookieHeader(student.token) } }) }));
    const refused = await caller.unchecked().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
    expect(appErrorOf(refused)).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/cannot be stored/) });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ path: "unchecked" }), "tRPC procedure input refused by the database");
    warn.mockRestore();
  });
});
