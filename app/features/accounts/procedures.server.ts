import { z } from "zod";
import { authedProcedure, publicProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import {
  changePasswordInput,
  changePasswordOutput,
  currentUserOutput,
  logInInput,
  logInOutput,
  logOutOutput,
  passwordResetInput,
  passwordResetOutput,
  passwordResetRequestInput,
  passwordResetRequestOutput,
  publicUserSchema,
} from "./schemas";
import { requestPasswordReset, resetPassword } from "./password-reset.server";
import { changePassword } from "./password-change.server";
import { logIn } from "./service.server";
import { clearSessionCookie, destroySession, sessionCookie } from "./session.server";

export const accountRouter = router({
  /** The signed-in user, or null (pages ask without knowing whether anyone is signed in). */
  me: publicProcedure.output(publicUserSchema.nullable()).query(({ ctx }) => ctx.user),

  /** The caller; 401 when nobody is signed in. */
  current: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/me",
        protect: true,
        tags: ["Account"],
        summary: "The caller",
        successDescription: "The signed-in user",
        errorResponses: errorResponses("UNAUTHENTICATED"),
      },
    })
    .input(z.void())
    .output(currentUserOutput)
    .query(({ ctx }) => ({ user: ctx.user })),

  logIn: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/login",
        protect: false,
        tags: ["Account"],
        summary: "Log in",
        description:
          "Opens a session: the answer's token works as `Authorization: Bearer`, and the same session is set as an HttpOnly cookie. An account with two-step log-in (mentors and admins may turn it on) also needs `code`: without it the answer is 401 `TWO_FACTOR_REQUIRED` and no token; send the same request again with the code.",
        successDescription: "The session token and the user; the session cookie is set",
        errorResponses: errorResponses(
          "VALIDATION_FAILED",
          ["UNAUTHENTICATED", "the e-mail and password do not match an account, or the two-step log-in code is wrong (it counts as a failed attempt)"],
          "TWO_FACTOR_REQUIRED",
          "EMAIL_NOT_VERIFIED",
          "RATE_LIMITED",
        ),
      },
    })
    .input(logInInput)
    .output(logInOutput)
    .mutation(async ({ ctx, input }) => {
      const { user, token, expiresAt } = await logIn(ctx.db, input, { userAgent: ctx.userAgent, ipAddress: ctx.clientAddress });
      ctx.response.headers["Set-Cookie"] = sessionCookie(token, expiresAt, ctx.secure);
      return { token, expiresAt: expiresAt.toISOString(), user };
    }),

  /** Ends the session behind the cookie or bearer token used for this request. */
  logOut: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/logout",
        protect: true,
        tags: ["Account"],
        summary: "Log out",
        successDescription: "The session is ended and the cookie cleared",
        errorResponses: errorResponses("UNAUTHENTICATED"),
      },
    })
    .input(z.void())
    .output(logOutOutput)
    .mutation(async ({ ctx }) => {
      await destroySession(ctx.db, ctx.auth.token);
      ctx.response.headers["Set-Cookie"] = clearSessionCookie(ctx.secure);
      return { ok: true as const };
    }),

  /** E-mails a reset link to the account with this address, if there is one; the answer never says. */
  requestPasswordReset: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/password-reset",
        protect: false,
        tags: ["Account"],
        summary: "Ask for a password reset link",
        description: "E-mails a single-use link that works for one hour to the account with this address. The answer is the same whether or not there is one.",
        successDescription: "Accepted; the e-mail goes out if the address has an account",
        errorResponses: errorResponses("VALIDATION_FAILED", "RATE_LIMITED"),
      },
      rest: { successStatus: 202 },
    })
    .input(passwordResetRequestInput)
    .output(passwordResetRequestOutput)
    .mutation(async ({ ctx, input }) => ({ ok: true as const, ...(await requestPasswordReset(ctx.db, input, { ipAddress: ctx.clientAddress })) })),

  /** Sets a new password with the e-mailed link's token; every session of the account ends. */
  resetPassword: publicProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/auth/password-reset/confirm",
        protect: false,
        tags: ["Account"],
        summary: "Choose a new password with a reset link",
        description: "Uses up the link's token, sets the new password (at least 10 characters, not a common one) and ends every session of the account: log in again.",
        successDescription: "The password is changed",
        errorResponses: errorResponses(["VALIDATION_FAILED", "the link has expired or was used, or the password is too short or too common"]),
      },
    })
    .input(passwordResetInput)
    .output(passwordResetOutput)
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.db, input, { ipAddress: ctx.clientAddress });
      return { ok: true as const };
    }),

  /** Changes the caller's password; every other session of the account ends. */
  changePassword: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/me/password",
        protect: true,
        tags: ["Account"],
        summary: "Change the password",
        description:
          "Needs the current password. The new one follows the sign-up policy (at least 10 characters, not a common one). Every other session of the account ends; this one stays.",
        successDescription: "The password is changed",
        errorResponses: errorResponses(["VALIDATION_FAILED", "the current password is wrong, or the new one is too short or too common"], "UNAUTHENTICATED", "RATE_LIMITED"),
      },
    })
    .input(changePasswordInput)
    .output(changePasswordOutput)
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.db, ctx.user, ctx.auth.sessionId, input);
      return { ok: true as const };
    }),
});
