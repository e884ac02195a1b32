import { describe, expect, it } from "vitest";
import { saveProgress } from "~/features/progress/service.server";
import { runAiReview } from "~/features/reviews/service.server";
import { submitProgress } from "~/features/submissions/service.server";
import { appErrorFrom } from "~/testing/errors";
import { createUser } from "~/testing/factories";
import { FULL_MARKS, reviewedAttempt } from "~/testing/mentoring";
import { FIRST_RUN, goodAnswer, noInjection, scripted } from "~/testing/reviews";
import { assignMentorTracks, mentoringOverview } from "./admin.server";
import { mentorReviewScreen } from "./screen.server";
import { claimMentorReview, completeMentorReview, releaseMentorReview, requestMentorReview } from "./service.server";

describe("the mentor's review screen", () => {
  it("shows the request, the rubric's levels, the work with its evidence, the AI review and what changed since the last attempt", async () => {
    const { db, student, progress, mission } = await reviewedAttempt({ passed: false });
    // A second attempt with different notes, reviewed, then sent to a mentor.
    const [first] = mission.subtasks;
    const current = await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } });
    await saveProgress(db, student, progress.id, {
      version: current.version,
      subtasks: { [first!.id]: { notes: "tcpdump captured the SYN scan and the brute force from 10.0.0.66" } },
    });
    const second = await submitProgress(db, student, progress.id, { reflection: "I learned to read a packet capture and to tie each packet to a step of the attack, in order." });
    await runAiReview(db, second.id, FIRST_RUN, { reviewer: scripted(goodAnswer({ evidence: 1, analysis: 1, communication: 1 })), detectInjection: noInjection });
    const request = await requestMentorReview(db, student, progress.id, { reason: "The capture is there.", disputedCriteria: ["evidence"] });

    const mentor = await createUser({ role: "MENTOR" });
    const screen = await mentorReviewScreen(db, mentor, request.id);
    expect(screen.request).toMatchObject({ status: "waiting", reason: "The capture is there.", disputedCriteria: ["evidence"], decidable: true, heldByMe: false });
    expect(screen.attempt).toMatchObject({ number: 2, previousNumber: 1 });
    expect(screen.mission.rubric[0]!.levels.map((level) => level.label)).toEqual(["Missing", "Emerging", "Proficient", "Exemplary"]);
    const step = screen.attempt.steps[0]!;
    expect(
      step
        .notesDiff!.filter((part) => part.kind === "added")
        .map((part) => part.text)
        .join(" "),
    ).toMatch(/brute force/);
    expect(step.files).toEqual([expect.objectContaining({ name: "auth.log", url: expect.stringMatching(/^\/evidence\//) as string, preview: null })]);
    expect(screen.attempt.steps[1]!.notesDiff).toEqual([]);
    expect(screen.attempt.reflectionDiff!.some((part) => part.kind === "added")).toBe(true);
    expect(screen.aiReview).toMatchObject({ attempt: 2, status: "completed" });

    // Held by another mentor, the work is theirs to read until the claim runs out.
    const other = await createUser({ role: "MENTOR" });
    await claimMentorReview(db, other, request.id);
    await appErrorFrom(mentorReviewScreen(db, mentor, request.id), "INVALID_STATE", /Another mentor is reviewing/);
    await releaseMentorReview(db, other, request.id);
    await completeMentorReview(db, mentor, progress.id, { scores: FULL_MARKS, comments: "All there.", decision: "approved" });
    await appErrorFrom(mentorReviewScreen(db, other, request.id), "INVALID_STATE", /Another mentor has decided/);
    expect((await mentorReviewScreen(db, mentor, request.id)).request).toMatchObject({
      status: "completed",
      decidable: false,
      result: { decision: "APPROVED", total: 100, comments: "All there." },
    });
  });

  it("is closed to mentors of other tracks", async () => {
    const { db, student, progress } = await reviewedAttempt({ passed: false });
    const request = await requestMentorReview(db, student, progress.id, {});
    const admin = await createUser({ role: "ADMIN" });
    const elsewhere = await createUser({ role: "MENTOR" });
    const otherTrack = await db.track.create({ data: { slug: `other-${elsewhere.id}`, title: "Other", summary: "", description: "", position: 999_999 } });
    await assignMentorTracks(db, admin, { mentorId: elsewhere.id, trackIds: [otherTrack.id] });
    await appErrorFrom(mentorReviewScreen(db, elsewhere, request.id), "FORBIDDEN");
    await appErrorFrom(mentorReviewScreen(db, elsewhere, "no-such-review"), "NOT_FOUND");
  });
});

describe("admins' view of mentoring", () => {
  it("shows each mentor's tracks, claims and completed reviews, and the wait's median and 90th percentile", async () => {
    const { db, student, progress } = await reviewedAttempt({ passed: false });
    await requestMentorReview(db, student, progress.id, {});
    const admin = await createUser({ role: "ADMIN" });
    const mentor = await createUser({ role: "MENTOR" });
    await completeMentorReview(db, mentor, progress.id, { scores: FULL_MARKS, decision: "approved" });
    const overview = await mentoringOverview(db);
    expect(overview.mentors.find((row) => row.id === mentor.id)).toMatchObject({ trackIds: [], claims: 0, completedRecently: 1, completed: 1 });
    expect(overview.wait.decided).toBeGreaterThanOrEqual(1);
    expect(overview.wait.medianSeconds).not.toBeNull();
    expect(overview.wait.p90Seconds).toBeGreaterThanOrEqual(overview.wait.medianSeconds!);

    const { trackId } = await db.mission.findFirstOrThrow({ where: { progress: { some: { id: progress.id } } }, select: { trackId: true } });
    await assignMentorTracks(db, admin, { mentorId: mentor.id, trackIds: [trackId, trackId] });
    expect((await mentoringOverview(db)).mentors.find((row) => row.id === mentor.id)!.trackIds).toEqual([trackId]);
    await assignMentorTracks(db, admin, { mentorId: mentor.id, trackIds: [] });
    expect(await db.mentorTrack.count({ where: { mentorId: mentor.id } })).toBe(0);
    await appErrorFrom(assignMentorTracks(db, admin, { mentorId: student.id, trackIds: [] }), "NOT_FOUND");
    await appErrorFrom(assignMentorTracks(db, admin, { mentorId: mentor.id, trackIds: ["no-such-track"] }), "VALIDATION_FAILED");
    // Only admins assign, whoever calls the service.
    await appErrorFrom(assignMentorTracks(db, mentor, { mentorId: mentor.id, trackIds: [trackId] }), "FORBIDDEN");
    expect(await db.mentorTrack.count({ where: { mentorId: mentor.id } })).toBe(0);
  });
});
