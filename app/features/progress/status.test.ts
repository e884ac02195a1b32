import { ProgressStatus } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { PROGRESS_STATUS_WORDING, isWaitingForReview, statusLabel, statusSentence, statusTone } from "./status";

const ALL_STATUSES = Object.values(ProgressStatus);

describe("progress status wording", () => {
  it("words every status of the schema, and nothing else", () => {
    expect(Object.keys(PROGRESS_STATUS_WORDING).sort()).toEqual([...ALL_STATUSES].sort());
  });

  it.each(ALL_STATUSES)("%s has a short label and a full sentence", (status) => {
    const label = statusLabel(status);
    const sentence = statusSentence(status);
    expect(label.trim()).not.toBe("");
    expect(sentence.trim()).not.toBe("");
    expect(label.length).toBeLessThanOrEqual(sentence.length);
    // A label stands on its own: no page cuts a sentence to make one.
    expect(label).not.toContain(" — ");
    expect(label.length).toBeLessThanOrEqual(24);
  });

  it("labels are distinct, so a card never shows two statuses the same way", () => {
    expect(new Set(ALL_STATUSES.map(statusLabel)).size).toBe(ALL_STATUSES.length);
    expect(new Set(ALL_STATUSES.map(statusSentence)).size).toBe(ALL_STATUSES.length);
  });

  it("the page waits for a review only while someone else has the work", () => {
    expect(ALL_STATUSES.filter(isWaitingForReview).sort()).toEqual(["IN_MENTOR_REVIEW", "MENTOR_REVIEW_REQUESTED", "SUBMITTED"]);
    expect(statusTone("APPROVED")).toBe("done");
    expect(statusTone("IN_PROGRESS")).toBe("yours");
    expect(statusTone("CHANGES_REQUESTED")).toBe("yours");
    expect(statusTone("SUBMITTED")).toBe("waiting");
    expect(statusTone("AI_REVIEWED")).toBe("waiting");
  });
});
