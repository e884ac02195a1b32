import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { formFailure, formValues, type FormFailure } from "./forms.server";

describe("formFailure", () => {
  it("answers with the error's status, message, code and details", async () => {
    const missing = [{ kind: "subtask-incomplete", subtaskId: "s1" }];
    const response = formFailure(new AppError("INCOMPLETE_SUBMISSION", "Two items are still missing.", { missing }), { reflection: "so far" });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual<FormFailure>({
      formError: "Two items are still missing.",
      values: { reflection: "so far" },
      code: "INCOMPLETE_SUBMISSION",
      details: { missing },
    });
  });

  it("puts field errors beside their fields, not in the details", async () => {
    const response = formFailure(new AppError("VALIDATION_FAILED", "Some fields need attention.", { fieldErrors: { email: ["Enter an e-mail address."] } }));
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.fieldErrors).toEqual({ email: ["Enter an e-mail address."] });
    expect(body.formError).toBeUndefined();
    expect(body.details).toBeUndefined();
  });

  it("tells a rate-limited person when to try again", () => {
    const error = new AppError("RATE_LIMITED", "Too many attempts.", undefined, { retryAfter: 30 });
    expect(formFailure(error).headers.get("Retry-After")).toBe("30");
  });

  it("throws anything that is not a person's mistake to the error boundary", () => {
    const bug = new TypeError("boom");
    expect(() => formFailure(bug)).toThrow(bug);
  });
});

describe("formValues", () => {
  it("keeps the named text fields only", () => {
    const form = new FormData();
    form.set("email", "a@example.test");
    form.set("password", "secret");
    form.set("file", new Blob(["x"]));
    expect(formValues(form, ["email", "file", "absent"])).toEqual({ email: "a@example.test" });
  });
});
