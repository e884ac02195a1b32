import { z } from "zod";
import { ROLES } from "~/domain/roles";
import { storableText } from "~/utils/validation";

export const emailSchema = storableText({ message: "Enter your e-mail address" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid e-mail address" }).max(254, "That e-mail address is too long"));

export const newPasswordSchema = z.string({ message: "Choose a password" }).min(10, "Use at least 10 characters").max(200, "Use at most 200 characters");

export const signUpInput = z.object({
  name: storableText({ message: "Tell us your name" }).trim().min(1, "Tell us your name").max(100, "Use at most 100 characters"),
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.input<typeof signUpInput>;

export const emailVerificationInput = z.object({
  token: z.string({ message: "This confirmation link is incomplete" }).min(20, "This confirmation link is incomplete").max(200, "This confirmation link is not valid"),
});

export const resendVerificationInput = z.object({ email: emailSchema });

const secondFactorCode = z
  .string({ message: "Enter the code from your authenticator app" })
  .trim()
  .min(1, "Enter the code from your authenticator app")
  .max(40, "That code is too long");

export const logInInput = z.object({
  email: emailSchema,
  password: z.string({ message: "Enter your password" }).min(1, "Enter your password").max(200, "That password is too long"),
  code: secondFactorCode.optional().meta({ description: "For an account with two-step log-in: the 6-digit code its authenticator app shows, or one of its recovery codes." }),
});

export const twoFactorCodeInput = z.object({ code: secondFactorCode });

export const disableTwoFactorInput = z.object({
  password: z.string({ message: "Enter your password" }).min(1, "Enter your password").max(200, "That password is too long"),
  code: secondFactorCode,
});

export type LogInInput = z.input<typeof logInInput>;
export type LogInData = z.output<typeof logInInput>;

/** A user as every answer shows them: never the password hash. */
export const publicUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    handle: z.string(),
    role: z.enum(ROLES),
    profilerScore: z.number().int().nullable(),
  })
  .meta({ id: "User" });

export const logInOutput = z.object({
  token: z.string().meta({ description: "Send it as `Authorization: Bearer <token>`; the same session is also set as a cookie." }),
  expiresAt: z.iso.datetime(),
  user: publicUserSchema,
});

export const logOutOutput = z.object({ ok: z.literal(true) });

export const currentUserOutput = z.object({ user: publicUserSchema });

export const passwordResetRequestInput = z.object({ email: emailSchema });

export const passwordResetInput = z.object({
  token: z.string({ message: "This reset link is incomplete" }).min(20, "This reset link is incomplete").max(200, "This reset link is not valid"),
  password: newPasswordSchema,
});

export const passwordResetRequestOutput = z.object({
  ok: z.literal(true),
  message: z.string().meta({ description: "The same whether or not the address has an account" }),
});

export const passwordResetOutput = z.object({ ok: z.literal(true) });

export const changePasswordInput = z.object({
  currentPassword: z.string({ message: "Enter your current password" }).min(1, "Enter your current password").max(200, "That password is too long"),
  newPassword: newPasswordSchema,
});

export const changePasswordOutput = z.object({ ok: z.literal(true) });
