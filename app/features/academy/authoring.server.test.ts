import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { getMissionDashboard, getMissionDetail, startMission } from "~/features/missions/service.server";
import { runAiReview } from "~/features/reviews/service.server";
import { createUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { FIRST_RUN, goodAnswer, noInjection, scripted, submittedAttempt } from "~/testing/reviews";
import { getDb } from "~/utils/db.server";
import type { AppError } from "~/utils/errors";
import { auditLog } from "./audit.server";
import {
  authoringOverview,
  createMissionDraft,
  createTrack,
  saveTrack,
  trackEditor,
  discardMissionDraft,
  missionEditor,
  missionHistory,
  previewMission,
  publishMissionDraft,
  saveMissionDraft,
  setMissionPublished,
} from "./authoring.server";
import type { EditorMission } from "./editor";

const tag = () => crypto.randomBytes(3).toString("hex");
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );

/** A track with one published mission (whose skill a new mission can name), and an admin. */
async function setting() {
  const skill = `skill-${tag()}`;
  const existing = await createMission({ skills: [{ key: skill, weight: 1 }] });
  const track = await getDb().track.findUniqueOrThrow({ where: { id: existing.trackId }, select: { slug: true } });
  return { admin: await createUser({ role: "ADMIN" }), existing, track: track.slug, skill };
}

/** A complete editor state for a new mission in `track`. */
function completeEditor(slug: string, track: string, skill: string, overrides: Partial<EditorMission> = {}): EditorMission {
  const levels = ["Missing", "Emerging", "Proficient", "Exemplary"].map((label, score) => ({ score, label, description: `${label} work.` }));
  return {
    slug,
    track,
    title: "Hunt the beacon",
    summary: "Find the implant that calls home every minute.",
    story: "The **proxy logs** show a steady rhythm.",
    objectives: ["Find the beacon"],
    successCriteria: ["The host and the interval are named"],
    difficulty: "BEGINNER",
    tierRequired: "FREE",
    isCapstone: false,
    estimatedMinutes: "40",
    passThreshold: "70",
    prerequisites: [],
    skills: [{ skill, weight: "0.7" }],
    subtasks: [{ title: "Sort the logs", instructions: "Group requests by host.", evidenceRequired: true, evidenceKinds: ["log"] }],
    rubric: [{ key: "finding", title: "Finding", description: "The beacon is found.", weight: "1", maxScore: "3", levels }],
    recipes: [],
    ...overrides,
  };
}

describe("authoring: drafts and publishing", () => {
  it("keeps a new mission a draft students cannot see until it is published; publishing writes version 1, the history and the audit log", async () => {
    const db = getDb();
    const { admin, track, skill } = await setting();
    const student = await createUser();
    const slug = `beacon-${tag()}`;
    await createMissionDraft(db, admin, { track, slug, title: "Hunt the beacon" });
    expect((await failure(getMissionDetail(db, student, slug)))?.code).toBe("NOT_FOUND");
    expect((await authoringOverview(db, admin)).newDrafts.map((draft) => draft.slug)).toContain(slug);

    // An unfinished draft is saved anyway, with what it still lacks at each field.
    const unfinished = await saveMissionDraft(db, admin, { slug, editor: completeEditor(slug, track, skill, { summary: "", rubric: [] }) });
    expect(unfinished.fieldErrors).toMatchObject({ summary: ["The summary is required"], rubric: ["Add at least one criterion"] });
    expect((await failure(publishMissionDraft(db, admin, { slug })))?.details).toMatchObject({ fieldErrors: { summary: ["The summary is required"] } });

    const saved = await saveMissionDraft(db, admin, { slug, editor: completeEditor(slug, track, skill) });
    expect(saved.fieldErrors).toEqual({});
    expect(await publishMissionDraft(db, admin, { slug })).toEqual({ slug, version: 1, parts: expect.arrayContaining(["story", "rubric", "steps"]) });

    const detail = await getMissionDetail(db, student, slug);
    expect(detail.mission).toMatchObject({ title: "Hunt the beacon", passThreshold: 70, subtasks: [expect.objectContaining({ title: "Sort the logs", evidenceKinds: ["log"] })] });
    const { history } = await missionHistory(db, admin, { slug });
    expect(history).toEqual([expect.objectContaining({ number: 1, event: "published", source: "editor", author: { name: admin.name, email: admin.email } })]);
    const log = await auditLog(db, admin, { action: "mission.publish", target: detail.mission.id });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ before: null, after: expect.objectContaining({ slug, title: "Hunt the beacon" }) });
    // The draft is gone: the editor opens the published mission.
    expect((await missionEditor(db, admin, { slug })).draft).toBeNull();
  });

  it("shows students the published version while an edit is a draft; a changed rubric becomes a new version and scores made before keep theirs", async () => {
    const db = getDb();
    const skill = `skill-${tag()}`;
    const { mission, student, submission } = await submittedAttempt({ skills: [{ key: skill, weight: 1 }] });
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    const scored = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id }, select: { rubricVersionId: true, total: true } });
    const admin = await createUser({ role: "ADMIN" });

    const { editor } = await missionEditor(db, admin, { slug: mission.slug });
    const heavier = { ...editor, rubric: editor.rubric.map((criterion, index) => (index === 0 ? { ...criterion, weight: "5" } : criterion)) };
    await saveMissionDraft(db, admin, { slug: mission.slug, editor: heavier });
    // Still the published rubric for students.
    expect((await getMissionDetail(db, student, mission.slug)).mission.rubric[0]!.weight).toBe(2);

    expect(await publishMissionDraft(db, admin, { slug: mission.slug })).toMatchObject({ parts: ["rubric"] });
    expect((await getMissionDetail(db, student, mission.slug)).mission.rubric[0]!.weight).toBe(5);
    const versions = await db.rubricVersion.findMany({ where: { missionId: mission.id }, orderBy: { version: "asc" }, select: { id: true, version: true, content: true } });
    expect(versions.map((version) => version.version)).toEqual([1, 2]);
    const after = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id }, select: { rubricVersionId: true, total: true } });
    expect(after).toEqual(scored);
    expect(after.rubricVersionId).toBe(versions[0]!.id);
    expect((versions[0]!.content as { criteria: { weight: number }[] }).criteria[0]!.weight).toBe(2);
  });

  it("refuses a prerequisite cycle, naming it, and a draft that names a skill that does not exist", async () => {
    const db = getDb();
    const { admin, track, skill, existing } = await setting();
    const slug = `needs-${tag()}`;
    await createMissionDraft(db, admin, { track, slug, title: "Needs the other" });
    await saveMissionDraft(db, admin, { slug, editor: completeEditor(slug, track, skill, { prerequisites: [existing.slug] }) });
    await publishMissionDraft(db, admin, { slug });

    const { editor } = await missionEditor(db, admin, { slug: existing.slug });
    const saved = await saveMissionDraft(db, admin, { slug: existing.slug, editor: { ...editor, prerequisites: [slug] } });
    expect(saved.fieldErrors.prerequisites).toEqual([
      `These missions require each other in a circle: ${existing.slug} → ${slug} → ${existing.slug}. Remove one of these prerequisites.`,
    ]);
    const refused = await failure(publishMissionDraft(db, admin, { slug: existing.slug }));
    expect(refused?.code).toBe("VALIDATION_FAILED");
    expect((await db.missionPrerequisite.count({ where: { mission: { slug: existing.slug } } })) === 0).toBe(true);

    const unknown = await saveMissionDraft(db, admin, { slug: existing.slug, editor: { ...editor, skills: [{ skill: "no-such-skill", weight: "1" }] } });
    expect(unknown.fieldErrors).toEqual({ "skills.0.skill": ["There is no skill “no-such-skill”"] });
  });

  it("discards a draft: the published mission stays as it was", async () => {
    const db = getDb();
    const { admin, existing } = await setting();
    const { editor } = await missionEditor(db, admin, { slug: existing.slug });
    await saveMissionDraft(db, admin, { slug: existing.slug, editor: { ...editor, title: "Renamed in a draft" } });
    expect((await missionEditor(db, admin, { slug: existing.slug })).editor.title).toBe("Renamed in a draft");
    await discardMissionDraft(db, admin, { slug: existing.slug });
    expect((await missionEditor(db, admin, { slug: existing.slug })).editor.title).toBe(existing.title);
    expect((await failure(discardMissionDraft(db, admin, { slug: existing.slug })))?.code).toBe("INVALID_STATE");
  });
});

describe("authoring: tracks", () => {
  it("creates a track unpublished after the others, then renames, publishes and reorders it in place, with audit entries", async () => {
    const db = getDb();
    const { admin, skill } = await setting();
    const slug = `track-${tag()}`;
    const created = await createTrack(db, admin, { slug, title: "Incident response", summary: "Respond.", description: "From the first alert to the report." });
    expect(created).toEqual({
      track: { slug, title: "Incident response", summary: "Respond.", description: "From the first alert to the report.", published: false },
      missions: [],
    });
    expect((await failure(createTrack(db, admin, { slug, title: "Again", summary: "S", description: "D" })))?.code).toBe("ALREADY_EXISTS");
    const positions = async () => (await db.track.findMany({ orderBy: { position: "asc" }, select: { slug: true } })).map((track) => track.slug);
    expect((await positions()).at(-1)).toBe(slug);

    const [first, second] = [`first-${tag()}`, `second-${tag()}`];
    for (const mission of [first, second]) {
      await createMissionDraft(db, admin, { track: slug, slug: mission, title: mission });
      await saveMissionDraft(db, admin, { slug: mission, editor: completeEditor(mission, slug, skill, { title: mission }) });
      await publishMissionDraft(db, admin, { slug: mission });
    }
    expect((await trackEditor(db, admin, { slug })).missions.map((mission) => mission.slug)).toEqual([first, second]);

    const order = await positions();
    const saved = await saveTrack(db, admin, { slug, title: "Incident response, end to end", summary: "Respond.", description: "D", published: true, missions: [second, first] });
    expect(saved.track).toMatchObject({ title: "Incident response, end to end", published: true });
    expect(saved.missions.map((mission) => mission.slug)).toEqual([second, first]);
    // Saving one track never moves it among the others.
    expect(await positions()).toEqual(order);

    expect((await failure(saveTrack(db, admin, { slug, title: "T", summary: "S", description: "D", published: true, missions: [first] })))?.details).toEqual({
      fieldErrors: { missions: ["List exactly the track's own missions, in their new order"] },
    });
    expect((await failure(saveTrack(db, admin, { slug: `none-${tag()}`, title: "T", summary: "S", description: "D", published: true })))?.code).toBe("NOT_FOUND");
    const entries = (await auditLog(db, admin, { action: "track.save" })).entries.filter((entry) => entry.target.label.startsWith("Incident response"));
    expect(entries.map((entry) => entry.after)).toEqual([
      expect.objectContaining({ title: "Incident response, end to end", published: true, missions: [second, first] }),
      expect.objectContaining({ title: "Incident response", published: false, missions: [] }),
    ]);
  });

  it("publishing a draft identical to the published mission uses the draft up without a new version", async () => {
    const db = getDb();
    const { admin, existing } = await setting();
    const { editor } = await missionEditor(db, admin, { slug: existing.slug });
    await saveMissionDraft(db, admin, { slug: existing.slug, editor });
    expect(await publishMissionDraft(db, admin, { slug: existing.slug })).toEqual({ slug: existing.slug, version: 0, parts: [] });
    expect((await missionEditor(db, admin, { slug: existing.slug })).draft).toBeNull();
    expect((await auditLog(db, admin, { action: "mission.publish", target: existing.id })).entries).toEqual([]);
  });
});

describe("authoring: unpublishing", () => {
  it("stops new starts but never takes the mission from students who started it", async () => {
    const db = getDb();
    const { admin, existing } = await setting();
    const started = await createUser();
    await startProgress(started.id, existing.id);
    const newcomer = await createUser();

    await setMissionPublished(db, admin, { slug: existing.slug, published: false });
    expect((await failure(getMissionDetail(db, newcomer, existing.slug)))?.code).toBe("NOT_FOUND");
    expect((await failure(startMission(db, newcomer, existing.slug)))?.code).toBe("NOT_FOUND");
    expect((await getMissionDashboard(db, newcomer)).available.map((card) => card.slug)).not.toContain(existing.slug);

    expect((await getMissionDetail(db, started, existing.slug)).progress).not.toBeNull();
    expect((await getMissionDashboard(db, started)).inProgress.map((card) => card.slug)).toContain(existing.slug);

    await setMissionPublished(db, admin, { slug: existing.slug, published: true });
    expect((await getMissionDetail(db, newcomer, existing.slug)).mission.slug).toBe(existing.slug);
    const { history } = await missionHistory(db, admin, { slug: existing.slug });
    expect(history.map((entry) => entry.event)).toEqual(["republished", "unpublished"]);
    expect((await auditLog(db, admin, { action: "mission.visibility", target: existing.id })).entries.map((entry) => entry.after)).toEqual([
      { published: true },
      { published: false },
    ]);
  });
});

describe("authoring: preview as a student of a chosen plan", () => {
  it("shows the draft with the locks a student on that plan meets", async () => {
    const db = getDb();
    const { admin, track, skill, existing } = await setting();
    const slug = `premium-${tag()}`;
    await createMissionDraft(db, admin, { track, slug, title: "Premium hunt" });
    await saveMissionDraft(db, admin, { slug, editor: completeEditor(slug, track, skill, { tierRequired: "PREMIUM", prerequisites: [existing.slug] }) });

    const free = await previewMission(db, admin, { slug, tier: "FREE" });
    expect(free.fromDraft).toBe(true);
    expect(free.mission).toMatchObject({ title: "Hunt the beacon", tierRequired: "PREMIUM", prerequisites: [{ slug: existing.slug, title: existing.title }] });
    expect(free.locks.map((lock) => lock.kind)).toEqual(["tier", "prerequisites"]);
    expect(free.quota).toMatchObject({ tier: "FREE", used: 0, limit: 1 });

    const premium = await previewMission(db, admin, { slug, tier: "PREMIUM" });
    expect(premium.locks.map((lock) => lock.kind)).toEqual(["prerequisites"]);
    expect((await failure(previewMission(db, admin, { slug, tier: "GOLD" })))?.code).toBe("VALIDATION_FAILED");
  });
});

describe("authoring: only administrators", () => {
  it("refuses mentors and students every authoring operation with FORBIDDEN", async () => {
    const db = getDb();
    const { existing, track } = await setting();
    for (const role of ["MENTOR", "STUDENT"] as const) {
      const user = await createUser({ role });
      const slug = existing.slug;
      const attempts = [
        authoringOverview(db, user),
        createMissionDraft(db, user, { track, slug: `x-${tag()}`, title: "X" }),
        missionEditor(db, user, { slug }),
        saveMissionDraft(db, user, { slug, editor: completeEditor(slug, track, "x") }),
        discardMissionDraft(db, user, { slug }),
        publishMissionDraft(db, user, { slug }),
        setMissionPublished(db, user, { slug, published: false }),
        missionHistory(db, user, { slug }),
        previewMission(db, user, { slug, tier: "FREE" }),
      ];
      for (const attempt of attempts) expect((await failure(attempt))?.code).toBe("FORBIDDEN");
    }
    expect((await getDb().mission.findUniqueOrThrow({ where: { id: existing.id }, select: { published: true } })).published).toBe(true);
  });
});
