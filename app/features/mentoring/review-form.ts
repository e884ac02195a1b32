/**
 * The review screen's form, read into the completion's input: a radio group `score.<key>` and a
 * text `comment.<key>` per criterion, the overall `comments` and the `decision` button pressed.
 * A criterion left unscored stays out of `scores`, so the rubric engine names it as missing.
 */
export function readReviewForm(form: FormData, criterionKeys: readonly string[]) {
  const scores: Record<string, number> = {};
  const criterionComments: Record<string, string> = {};
  for (const key of criterionKeys) {
    const score = form.get(`score.${key}`);
    if (typeof score === "string" && score !== "") scores[key] = Number(score);
    const comment = form.get(`comment.${key}`);
    if (typeof comment === "string" && comment.trim() !== "") criterionComments[key] = comment;
  }
  const comments = form.get("comments");
  return {
    scores,
    criterionComments,
    comments: typeof comments === "string" && comments.trim() !== "" ? comments : undefined,
    decision: form.get("decision"),
  };
}
