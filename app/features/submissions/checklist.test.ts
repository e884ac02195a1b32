import { describe, expect, it } from "vitest";
import { MIN_REFLECTION_LENGTH, submissionChecklist } from "~/domain/mission-progress";
import { checklistAnnouncement, missingItemKey, reflectionCount, SUBMISSION_RULES } from "./checklist";

describe("the submit form's wording", () => {
  it("counts the reflection as the server does, trimmed, and says how far it is from enough", () => {
    expect(reflectionCount("  Too short.  ")).toEqual({
      length: 10,
      enough: false,
      text: `10 / ${MIN_REFLECTION_LENGTH} characters minimum (${MIN_REFLECTION_LENGTH - 10} to go)`,
    });
    expect(reflectionCount("x".repeat(MIN_REFLECTION_LENGTH))).toEqual({
      length: MIN_REFLECTION_LENGTH,
      enough: true,
      text: `${MIN_REFLECTION_LENGTH} / ${MIN_REFLECTION_LENGTH} characters — long enough`,
    });
    expect(reflectionCount("").enough).toBe(false);
  });

  it("announces how much is left, in words", () => {
    const subtasks = [{ id: "a", position: 1, title: "One", evidenceRequired: true }];
    expect(checklistAnnouncement([])).toBe("Everything is ready to submit.");
    expect(checklistAnnouncement(submissionChecklist(subtasks, { a: { notes: "", completed: true } }, {}, null))).toBe("1 item still to do before you can submit.");
    expect(checklistAnnouncement(submissionChecklist(subtasks, {}, {}, ""))).toBe("3 items still to do before you can submit.");
  });

  it("gives every missing item its own key", () => {
    const subtasks = [
      { id: "a", position: 1, title: "One", evidenceRequired: true },
      { id: "b", position: 2, title: "Two", evidenceRequired: true },
    ];
    const keys = submissionChecklist(subtasks, {}, {}, "").map(missingItemKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("states the minimum reflection length the server enforces", () => {
    expect(SUBMISSION_RULES.some((rule) => rule.includes(`at least ${MIN_REFLECTION_LENGTH} characters`))).toBe(true);
  });
});
