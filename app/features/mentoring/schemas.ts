import { z } from "zod";
import { tierSchema } from "~/features/missions/schemas";
import { storableText } from "~/utils/validation";

const criterionKey = storableText().trim().min(1, "A criterion key is required").max(64, "That criterion key is too long");

/** A student's request (PRODUCT.md: an optional reason and the criteria they think were scored wrong). */
export const mentorReviewRequestInput = z.object({
  reason: storableText().trim().max(2000, "Keep the reason under 2,000 characters").optional(),
  disputedCriteria: z.array(criterionKey).max(50, "Name at most 50 criteria").optional(),
});

export const mentorDecisionSchema = z.enum(["approved", "changes_requested"]).meta({ id: "MentorDecision" });

/** A mentor's review. `comments` is the overall comment (the seed's clients send it as one text). */
export const mentorReviewCompleteInput = z.object({
  scores: z.record(criterionKey, z.number({ error: "Each score must be a number" })),
  comments: storableText().trim().max(10_000, "Keep the comment under 10,000 characters").optional(),
  criterionComments: z.record(criterionKey, storableText().trim().max(4000, "Keep each comment under 4,000 characters")).optional(),
  decision: mentorDecisionSchema,
});
export type MentorReviewCompleteInput = z.output<typeof mentorReviewCompleteInput>;

export const mentorReviewStatusSchema = z.enum(["requested", "claimed", "completed"]).meta({ id: "MentorReviewStatus" });

export const mentorReviewRequestOutput = z
  .object({
    id: z.string(),
    progressId: z.string(),
    attempt: z.number().int(),
    status: mentorReviewStatusSchema,
    reason: z.string().nullable(),
    disputedCriteria: z.array(z.string()),
    requestedAt: z.string(),
  })
  .meta({ id: "MentorReviewRequest" });

export const mentorScoreSchema = z.object({
  key: z.string(),
  title: z.string(),
  score: z.number().int(),
  maxScore: z.number().int(),
  level: z.string().nullable(),
  levelDescription: z.string().nullable(),
  comment: z.string().nullable(),
});
export type MentorScore = z.output<typeof mentorScoreSchema>;

export const mentorReviewResultOutput = z
  .object({
    id: z.string(),
    progressId: z.string(),
    attempt: z.number().int(),
    status: z.literal("completed"),
    decision: mentorDecisionSchema,
    total: z.number(),
    passed: z.boolean(),
    comments: z.string().nullable(),
    scores: z.array(mentorScoreSchema),
    rubricVersion: z.number().int(),
    progressStatus: z.enum(["APPROVED", "CHANGES_REQUESTED"]),
    completedAt: z.string(),
  })
  .meta({ id: "MentorReviewResult" });

export const mentorQueueFilters = z.object({
  track: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,80}$/, "Pick a track from the list")
    .optional(),
  capstone: z.enum(["yes", "no"], { error: "Capstone is yes or no" }).optional(),
  regrade: z.enum(["yes", "no"], { error: "Regrade is yes or no" }).optional(),
});
export type MentorQueueFilters = z.output<typeof mentorQueueFilters>;

/** TIER_REQUIRED's details when a Premium action is refused: the plan it needs and the caller's. */
export const planRequiredDetails = z.object({ required: tierSchema, current: tierSchema });

/** Admins: mentors with their tracks and load, the tracks to assign, and how long reviews wait. */
export const mentoringOverviewSchema = z
  .object({
    mentors: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        email: z.string(),
        trackIds: z.array(z.string()),
        claims: z.number().int(),
        completedRecently: z.number().int(),
        completed: z.number().int(),
      }),
    ),
    tracks: z.array(z.object({ id: z.string(), title: z.string() })),
    wait: z.object({
      decided: z.number().int(),
      medianSeconds: z.number().nullable(),
      p90Seconds: z.number().nullable(),
      open: z.number().int(),
      oldestOpenSeconds: z.number().nullable(),
    }),
  })
  .meta({ id: "MentoringOverview" });

export const assignedTracksSchema = z.object({ mentorId: z.string(), trackIds: z.array(z.string()) }).meta({ id: "MentorTracks" });
