import { describe, expect, it } from "vitest";
import { readReviewForm } from "./review-form";

describe("the review screen's form", () => {
  it("reads scores, comments and the decision, leaving unscored criteria out", () => {
    const form = new FormData();
    form.set("score.evidence", "3");
    form.set("comment.evidence", "Clear capture.");
    form.set("comment.analysis", "   ");
    form.set("comments", "Good work overall.");
    form.set("decision", "approved");
    form.set("score.unknown", "2");
    expect(readReviewForm(form, ["evidence", "analysis"])).toEqual({
      scores: { evidence: 3 },
      criterionComments: { evidence: "Clear capture." },
      comments: "Good work overall.",
      decision: "approved",
    });
  });
});
