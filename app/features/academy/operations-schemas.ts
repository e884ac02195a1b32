import { z } from "zod";

const latency = z.object({
  count: z.number().int().meta({ description: "How many were completed in the period" }),
  medianSeconds: z.number().int().nullable(),
  p90Seconds: z.number().int().nullable(),
});

export const operationsReportSchema = z.object({
  generatedAt: z.iso.datetime(),
  reviewsSince: z.iso.date().meta({ description: "The first UTC day counted in reviewsPerDay (30 days)" }),
  latencySince: z.iso.datetime().meta({ description: "The latencies cover reviews completed since then (7 days)" }),
  jobs: z.array(
    z.object({
      task: z.string(),
      queued: z.number().int().meta({ description: "Due and waiting for a worker" }),
      scheduled: z.number().int().meta({ description: "Waiting for a later time (a retry's backoff, a reminder)" }),
      running: z.number().int(),
      failed: z.number().int().meta({ description: "Out of tries" }),
      lastError: z.string().nullable(),
    }),
  ),
  failedJobs: z.array(
    z.object({
      id: z.string(),
      task: z.string(),
      attempts: z.number().int(),
      maxAttempts: z.number().int(),
      error: z.string().nullable(),
      failedAt: z.iso.datetime(),
      retryable: z.boolean().meta({ description: "false for review jobs: retry those from the failed reviews, which resets the review too" }),
    }),
  ),
  reviewsPerDay: z.array(
    z.object({
      day: z.iso.date(),
      reviewer: z.string(),
      provider: z.string(),
      reviews: z.number().int(),
      inputTokens: z.number().int(),
      outputTokens: z.number().int(),
      costUsd: z.number().nullable().meta({ description: "null: the model's price is not known" }),
    }),
  ),
  providers: z.array(z.object({ provider: z.string(), reviews: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number().nullable() })),
  latency: z.object({
    aiReview: latency.meta({ description: "Submission to completed AI review" }),
    mentorReview: latency.meta({ description: "Request to completed mentor review" }),
  }),
  mentors: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), held: z.number().int(), completedWeek: z.number().int(), tracks: z.array(z.string()) })),
  mentorsNotListed: z.number().int().meta({ description: "Mentors after the 50 busiest, not listed" }),
  reviewQueue: z.object({ open: z.number().int(), oldestOpenSeconds: z.number().int().nullable() }),
  flagged: z.array(
    z.object({
      submissionId: z.string(),
      status: z.string(),
      flags: z.array(z.object({ code: z.string(), message: z.string(), blocking: z.boolean() })),
      at: z.iso.datetime(),
      attempt: z.number().int(),
      missionTitle: z.string(),
      student: z.object({ id: z.string(), name: z.string() }),
      mentorReview: z.object({ id: z.string(), status: z.string() }).nullable(),
    }),
  ),
});

export const retryJobsInput = z.object({
  jobIds: z
    .array(z.string().regex(/^\d{1,18}$/, "A job id is a number"))
    .min(1, "Choose at least one job")
    .max(100, "At most 100 jobs at once"),
});

export const retriedJobsSchema = z.object({
  retried: z.number().int().meta({ description: "Jobs put back in the queue (a job a worker holds, or one no longer out of tries, is left alone)" }),
});
