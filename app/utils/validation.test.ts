import { describe, expect, it } from "vitest";
import { signUpInput } from "~/features/accounts/schemas";
import { markReadInput } from "~/features/notifications/schemas";
import { onboardingInput } from "~/features/onboarding/schemas";
import { saveProgressInput } from "~/features/progress/schemas";
import { checklistInput, submitInput } from "~/features/submissions/schemas";
import { idSchema, INT4_MAX, isStorableText, storableInt, storableText, UNSTORABLE_TEXT_MESSAGE } from "./validation";

const UNSTORABLE = ["a\u0000b", "\u0000", "lone \uD800 high", "lone \uDC00 low", "reversed \uDE00\uD83D pair", "ends with \uDBFF"];

describe("storableText", () => {
  it("takes any text PostgreSQL can store, emoji and other scripts included", () => {
    for (const value of ["", "plain", "Ünïcödé · 日本語 · 😀 · \u2028", "tab\tand\nlines"]) {
      expect(isStorableText(value)).toBe(true);
      expect(storableText().parse(value)).toBe(value);
    }
  });

  it("refuses NUL characters and halves of surrogate pairs with a message a person understands", () => {
    for (const value of UNSTORABLE) {
      expect(isStorableText(value), JSON.stringify(value)).toBe(false);
      const result = storableText().safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.message).toBe(UNSTORABLE_TEXT_MESSAGE);
    }
    expect(UNSTORABLE_TEXT_MESSAGE).toMatch(/contains characters that cannot be stored/);
  });

  it("keeps the type's own message for a value that is not text", () => {
    expect(storableText({ message: "Write a reflection" }).safeParse(42).error!.issues[0]!.message).toBe("Write a reflection");
  });
});

describe("idSchema", () => {
  it("refuses ids the database cannot hold", () => {
    expect(idSchema.parse(" cmx5rv0k900091k7dsu4fcdhx ")).toBe("cmx5rv0k900091k7dsu4fcdhx");
    for (const value of UNSTORABLE) expect(idSchema.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });
});

describe("storableInt", () => {
  it("takes whole numbers up to the largest INT4 and refuses the rest", () => {
    expect(storableInt().parse(INT4_MAX)).toBe(INT4_MAX);
    for (const value of [INT4_MAX + 1, 2 ** 53, 1.5, Number.NaN, Infinity]) expect(storableInt().safeParse(value).success, String(value)).toBe(false);
    expect(storableInt().safeParse(INT4_MAX + 1).error!.issues[0]!.message).toBe("That number is too large");
  });
});

describe("the features' input schemas", () => {
  const fieldErrorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

  it("refuse unstorable text in every string that reaches the database", () => {
    expect(fieldErrorsOf(signUpInput.safeParse({ name: "Ada\u0000", email: "ada@example.test", password: "a long passphrase" }))).toEqual({ name: UNSTORABLE_TEXT_MESSAGE });
    expect(fieldErrorsOf(markReadInput.safeParse({ ids: ["n\u0000"] }))).toEqual({ "ids.0": UNSTORABLE_TEXT_MESSAGE });
    expect(fieldErrorsOf(onboardingInput.safeParse({ answers: {}, tracks: ["defender\uD800"] }))).toMatchObject({ "tracks.0": UNSTORABLE_TEXT_MESSAGE });
    expect(fieldErrorsOf(saveProgressInput.safeParse({ version: 1, subtasks: { s1: { notes: "half \uD800 a pair" } } }))).toEqual({ "subtasks.s1.notes": UNSTORABLE_TEXT_MESSAGE });
    expect(saveProgressInput.safeParse({ version: 1, subtasks: { "s\u0000": { notes: "x" } } }).success).toBe(false);
    expect(fieldErrorsOf(submitInput.safeParse({ reflection: "x\u0000" }))).toEqual({ reflection: UNSTORABLE_TEXT_MESSAGE });
    expect(fieldErrorsOf(checklistInput.safeParse({ progressId: "p\u0000", reflection: null }))).toEqual({ progressId: UNSTORABLE_TEXT_MESSAGE });
  });

  it("refuse a version beyond the integer column", () => {
    expect(fieldErrorsOf(saveProgressInput.safeParse({ version: 2 ** 31, subtasks: { s1: { notes: "x" } } }))).toEqual({ version: "That number is too large" });
  });
});
