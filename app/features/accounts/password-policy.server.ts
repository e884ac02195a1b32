import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "~/utils/errors";

/**
 * Passwords people pick most often, from zxcvbn-ts's ranked list (lower case). A new password
 * must not be one of them, whatever its length: "password1234" is long and guessed first.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary["passwords-common"]);

/** Refuses a new password on the common list; the length rules are in the zod schema. */
export function assertPasswordNotCommon(password: string, field = "password"): void {
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    const message = "This password is one of the most common ones and is guessed first. Choose one that is yours alone, for example a few unrelated words.";
    throw new AppError("VALIDATION_FAILED", message, { fieldErrors: { [field]: [message] } });
  }
}
