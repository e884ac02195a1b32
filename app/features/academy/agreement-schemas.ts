import { z } from "zod";
import { storableText } from "~/utils/validation";

const day = z.iso.date({ error: "Use a date as YYYY-MM-DD" });

const period = { from: day.optional(), to: day.optional() };
const inOrder = (value: { from?: string; to?: string }) => !value.from || !value.to || value.from <= value.to;
const OUT_OF_ORDER = { message: "The start of the period must not be after its end", path: ["from"] };

/** The period a report covers: mentor reviews completed from `from` to `to`, both inclusive, in UTC days. */
export const agreementPeriodInput = z.object(period).refine(inOrder, OUT_OF_ORDER);
export type AgreementPeriodInput = z.output<typeof agreementPeriodInput>;

export const agreementAttemptsInput = z
  .object({
    ...period,
    missionId: storableText().trim().min(1, "Choose a mission").max(64),
    criterion: storableText().trim().min(1).max(64).optional(),
    /** The next page: the attempts decided before this mentor review (the previous page's `olderBefore`). */
    before: storableText().trim().min(1).max(64).optional(),
  })
  .refine(inOrder, OUT_OF_ORDER);

export const mentorConfirmsPassesInput = z.object({
  missionId: storableText().trim().min(1, "Choose a mission").max(64),
  mentorConfirmsPasses: z.boolean(),
});

const scoreAgreementSchema = z.object({
  pairs: z.number().int(),
  exact: z.number(),
  withinOne: z.number(),
  kappa: z.number().nullable(),
  meanSignedDifference: z.number(),
});

const verdictAgreementSchema = z.object({
  attempts: z.number().int(),
  agreement: z.number(),
  aiPassedMentorFailed: z.number().int(),
  aiFailedMentorPassed: z.number().int(),
});

const missionRef = { missionId: z.string(), missionSlug: z.string(), missionTitle: z.string() };

export const agreementReportSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    overall: scoreAgreementSchema,
    verdicts: verdictAgreementSchema,
    criteria: z.array(z.object({ ...missionRef, key: z.string(), title: z.string(), agreement: scoreAgreementSchema })),
    missions: z.array(z.object({ ...missionRef, mentorConfirmsPasses: z.boolean(), agreement: scoreAgreementSchema, verdicts: verdictAgreementSchema })),
  })
  .meta({ id: "AgreementReport" });
export type AgreementReport = z.output<typeof agreementReportSchema>;

export const agreementAttemptsSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    ...missionRef,
    criterion: z.string().nullable(),
    /** The criterion's title as the reviews scored it (null without a criterion or without attempts). */
    criterionTitle: z.string().nullable(),
    attempts: z.array(
      z.object({
        mentorReviewId: z.string(),
        studentName: z.string(),
        attempt: z.number().int(),
        reviewedAt: z.string(),
        aiTotal: z.number().nullable(),
        mentorTotal: z.number().nullable(),
        aiPassed: z.boolean().nullable(),
        mentorPassed: z.boolean().nullable(),
        aiScore: z.number().int().nullable(),
        mentorScore: z.number().int().nullable(),
      }),
    ),
    /** Pass as `before` for the next, older page; null on the last page. */
    olderBefore: z.string().nullable(),
  })
  .meta({ id: "AgreementAttempts" });
export type AgreementAttempts = z.output<typeof agreementAttemptsSchema>;

export const mentorConfirmsPassesSchema = z.object({ missionId: z.string(), mentorConfirmsPasses: z.boolean() }).meta({ id: "MentorConfirmsPasses" });
