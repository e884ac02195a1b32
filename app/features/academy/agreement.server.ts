import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { recordAudit } from "./audit.server";
import { scoreAgreement, verdictAgreement, worstFirst } from "./agreement";
import { agreementAttemptsInput, agreementPeriodInput, mentorConfirmsPassesInput, type AgreementPeriodInput, type AgreementReport } from "./agreement-schemas";
import { parseOrThrow } from "~/utils/validation";
import { agreementAttemptRows, agreementCells, agreementRevisionRow, agreementVerdicts } from "./queries.server";

/** Without dates, a report covers the last 90 days. */
export const DEFAULT_PERIOD_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A period of whole UTC days: the dates shown, and the [start, end) instants queried. */
export function periodOf(input: AgreementPeriodInput, now = new Date()) {
  const to = input.to ?? now.toISOString().slice(0, 10);
  const from = input.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to, start: new Date(`${from}T00:00:00Z`), end: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) };
}

/**
 * How far the AI agrees with mentors over a period (admins only): per criterion and per mission,
 * worst first, and overall, from the attempts both reviewed. Kept in memory per period until the
 * agreement tables or the missions change (their revisions, read in one small statement), the
 * catalogue's pattern (ADR 011, ADR 038).
 */
export async function agreementReport(db: Db, actor: PublicUser, rawInput: unknown, now = new Date()): Promise<AgreementReport> {
  assertRole(actor, "ADMIN");
  const period = periodOf(parseOrThrow(agreementPeriodInput, rawInput), now);
  const [row] = await agreementRevisionRow(db);
  const revision = row?.revision ?? null;
  if (revision === null) return await computeAgreementReport(db, period);
  let kept = reportsHeld.get(db);
  if (kept?.revision !== revision) {
    kept = { revision, reports: new Map() };
    reportsHeld.set(db, kept);
  }
  const key = `${period.from}/${period.to}`;
  let report = kept.reports.get(key);
  if (!report) {
    // Read after the revision, so what is kept is never older than the revision it is kept under.
    report = computeAgreementReport(db, period);
    const reports = kept.reports;
    void report.catch(() => reports.get(key) === report && reports.delete(key));
    reports.set(key, report);
    // Admins choose periods freely: keep the most recently asked ones only.
    if (reports.size > PERIODS_KEPT) reports.delete(reports.keys().next().value!);
  }
  return await report;
}

/** How many periods' reports are kept in memory at one revision. */
const PERIODS_KEPT = 16;

// Per database client: one process may talk to several databases (the tests do).
const reportsHeld = new WeakMap<object, { revision: string; reports: Map<string, Promise<AgreementReport>> }>();

async function computeAgreementReport(db: Db, period: ReturnType<typeof periodOf>): Promise<AgreementReport> {
  const [cells, verdicts] = await Promise.all([agreementCells(db, period.start, period.end), agreementVerdicts(db, period.start, period.end)]);
  const missionIds = [...new Set([...cells.map((cell) => cell.missionId), ...verdicts.map((row) => row.missionId)])];
  const missions = await db.mission.findMany({ where: { id: { in: missionIds } }, select: { id: true, slug: true, title: true, mentorConfirmsPasses: true } });
  const missionById = new Map(missions.map((mission) => [mission.id, mission]));
  const ref = (missionId: string) => {
    const mission = missionById.get(missionId)!;
    return { missionId, missionSlug: mission.slug, missionTitle: mission.title };
  };

  const cellsByCriterion = new Map<string, typeof cells>();
  const cellsByMission = new Map<string, typeof cells>();
  for (const cell of cells) {
    const key = `${cell.missionId}\u0000${cell.key}`;
    cellsByCriterion.set(key, [...(cellsByCriterion.get(key) ?? []), cell]);
    cellsByMission.set(cell.missionId, [...(cellsByMission.get(cell.missionId) ?? []), cell]);
  }
  const criteria = [...cellsByCriterion.values()].map((group) => ({
    ...ref(group[0]!.missionId),
    key: group[0]!.key,
    title: group[0]!.title,
    agreement: scoreAgreement(group),
  }));
  const missionRows = missionIds.map((missionId) => ({
    ...ref(missionId),
    mentorConfirmsPasses: missionById.get(missionId)!.mentorConfirmsPasses,
    agreement: scoreAgreement(cellsByMission.get(missionId) ?? []),
    verdicts: verdictAgreement(verdicts.filter((row) => row.missionId === missionId)),
  }));
  return {
    period: { from: period.from, to: period.to },
    overall: scoreAgreement(cells),
    verdicts: verdictAgreement(verdicts),
    criteria: worstFirst(criteria),
    missions: worstFirst(missionRows),
  };
}

/** Attempts listed per page behind a figure. */
export const ATTEMPTS_PER_PAGE = 25;

/** The attempts behind a mission's (or one of its criteria's) figures, newest first, a page at a time. */
export async function agreementAttempts(db: Db, actor: PublicUser, rawInput: unknown, now = new Date()) {
  assertRole(actor, "ADMIN");
  const input = parseOrThrow(agreementAttemptsInput, rawInput);
  const period = periodOf(input, now);
  const mission = await db.mission.findUnique({ where: { id: input.missionId }, select: { id: true, slug: true, title: true } });
  if (!mission) throw new AppError("NOT_FOUND", "There is no mission with this id.");
  // One more than a page, to know whether an older page follows.
  const rows = await agreementAttemptRows(db, period.start, period.end, mission.id, input.criterion ?? null, input.before ?? null, ATTEMPTS_PER_PAGE + 1);
  const page = rows.slice(0, ATTEMPTS_PER_PAGE);
  return {
    period: { from: period.from, to: period.to },
    missionId: mission.id,
    missionSlug: mission.slug,
    missionTitle: mission.title,
    criterion: input.criterion ?? null,
    criterionTitle: page[0]?.criterionTitle ?? null,
    attempts: page.map(({ criterionTitle: _title, ...row }) => ({ ...row, reviewedAt: row.reviewedAt.toISOString() })),
    olderBefore: rows.length > ATTEMPTS_PER_PAGE ? page.at(-1)!.mentorReviewId : null,
  };
}

/** Whether a passing AI review on this mission approves by itself or waits for a mentor. */
export async function setMentorConfirmsPasses(db: Db, actor: PublicUser, rawInput: unknown) {
  assertRole(actor, "ADMIN");
  const input = parseOrThrow(mentorConfirmsPassesInput, rawInput);
  await db.$transaction(async (tx) => {
    const mission = await tx.mission.findUnique({ where: { id: input.missionId }, select: { id: true, title: true, mentorConfirmsPasses: true } });
    if (!mission) throw new AppError("NOT_FOUND", "There is no mission with this id.");
    if (mission.mentorConfirmsPasses === input.mentorConfirmsPasses) return;
    await tx.mission.update({ where: { id: mission.id }, data: { mentorConfirmsPasses: input.mentorConfirmsPasses } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "mission.mentor-confirms-passes",
      target: { type: "Mission", id: mission.id, label: mission.title },
      before: { mentorConfirmsPasses: mission.mentorConfirmsPasses },
      after: { mentorConfirmsPasses: input.mentorConfirmsPasses },
    });
  });
  return { missionId: input.missionId, mentorConfirmsPasses: input.mentorConfirmsPasses };
}
