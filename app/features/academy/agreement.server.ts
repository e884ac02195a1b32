import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { scoreAgreement, verdictAgreement, worstFirst } from "./agreement";
import { agreementAttemptsInput, agreementPeriodInput, mentorConfirmsPassesInput, type AgreementPeriodInput, type AgreementReport } from "./agreement-schemas";
import { parseOrThrow } from "~/utils/validation";
import { agreementAttemptRows, agreementCells, agreementVerdicts } from "./queries.server";

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
 * worst first, and overall, from the attempts both reviewed.
 */
export async function agreementReport(db: Db, actor: PublicUser, rawInput: unknown, now = new Date()): Promise<AgreementReport> {
  assertRole(actor, "ADMIN");
  const period = periodOf(parseOrThrow(agreementPeriodInput, rawInput), now);
  const [cells, verdicts] = await Promise.all([agreementCells(db, period.start, period.end), agreementVerdicts(db, period.start, period.end)]);
  const missionIds = [...new Set([...cells.map((cell) => cell.missionId), ...verdicts.map((row) => row.missionId)])];
  const missions = await db.mission.findMany({ where: { id: { in: missionIds } }, select: { id: true, slug: true, title: true, mentorConfirmsPasses: true } });
  const missionById = new Map(missions.map((mission) => [mission.id, mission]));
  const ref = (missionId: string) => {
    const mission = missionById.get(missionId)!;
    return { missionId, missionSlug: mission.slug, missionTitle: mission.title };
  };

  const cellsByCriterion = new Map<string, typeof cells>();
  for (const cell of cells) {
    const key = `${cell.missionId}\u0000${cell.key}`;
    cellsByCriterion.set(key, [...(cellsByCriterion.get(key) ?? []), cell]);
  }
  const criteria = [...cellsByCriterion.values()].map((group) => ({
    ...ref(group[0]!.missionId),
    key: group[0]!.key,
    title: group[0]!.title,
    agreement: scoreAgreement(group),
  }));
  const verdictPairs = (missionId?: string) => verdicts.filter((row) => !missionId || row.missionId === missionId);
  const missionRows = missionIds.map((missionId) => ({
    ...ref(missionId),
    mentorConfirmsPasses: missionById.get(missionId)!.mentorConfirmsPasses,
    agreement: scoreAgreement(cells.filter((cell) => cell.missionId === missionId)),
    verdicts: verdictAgreement(verdictPairs(missionId)),
  }));
  return {
    period: { from: period.from, to: period.to },
    overall: scoreAgreement(cells),
    verdicts: verdictAgreement(verdictPairs()),
    criteria: worstFirst(criteria),
    missions: worstFirst(missionRows),
  };
}

/** The attempts behind a mission's (or one of its criteria's) figures, for an admin to open. */
export async function agreementAttempts(db: Db, actor: PublicUser, rawInput: unknown, now = new Date()) {
  assertRole(actor, "ADMIN");
  const input = parseOrThrow(agreementAttemptsInput, rawInput);
  const period = periodOf(input, now);
  const mission = await db.mission.findUnique({ where: { id: input.missionId }, select: { id: true, slug: true, title: true } });
  if (!mission) throw new AppError("NOT_FOUND", "There is no mission with this id.");
  const rows = await agreementAttemptRows(db, period.start, period.end, mission.id, input.criterion ?? null);
  return {
    missionId: mission.id,
    missionSlug: mission.slug,
    missionTitle: mission.title,
    criterion: input.criterion ?? null,
    attempts: rows.map((row) => ({ ...row, reviewedAt: row.reviewedAt.toISOString() })),
  };
}

/** Whether a passing AI review on this mission approves by itself or waits for a mentor. */
export async function setMentorConfirmsPasses(db: Db, actor: PublicUser, rawInput: unknown) {
  assertRole(actor, "ADMIN");
  const input = parseOrThrow(mentorConfirmsPassesInput, rawInput);
  const updated = await db.mission.updateMany({ where: { id: input.missionId }, data: { mentorConfirmsPasses: input.mentorConfirmsPasses } });
  if (updated.count === 0) throw new AppError("NOT_FOUND", "There is no mission with this id.");
  return { missionId: input.missionId, mentorConfirmsPasses: input.mentorConfirmsPasses };
}
