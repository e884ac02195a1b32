import { z } from "zod";
import { STORAGE_BACKENDS, STORAGE_KEY_PATTERN } from "~/adapters/storage/storage.server";

/**
 * Every background job: its name and the zod schema of its payload. The same schema checks the
 * payload when a job is queued and again when a worker picks it up (a job row may have been
 * written by an older release or by hand).
 */
export const jobPayloads = {
  /** Writes the welcome notification (and e-mail) for a new account. */
  "send-welcome": z.object({ userId: z.string().min(1) }),
  /** One in-app notification, optionally mirrored by e-mail. */
  notify: z.object({
    userId: z.string().min(1),
    kind: z.string().min(1),
    title: z.string().min(1),
    body: z.string(),
    link: z.string().optional(),
    dedupeKey: z.string().optional(),
    email: z.boolean().default(false),
  }),
  /** Delivers one row of the e-mail outbox through the mail port (the AI review's own e-mail needs none without a mail server, ADR 040). */
  "send-email": z.object({ emailId: z.string().min(1) }),
  /**
   * Scores a submission against its mission's rubric (app/features/reviews). Queued with the
   * submission in one transaction, keyed by the submission so an attempt is reviewed once at a time.
   */
  "ai-review": z.object({ submissionId: z.string().min(1) }),
  /**
   * Makes an attempt's portfolio item match its standing: published once while it is approved,
   * removed when a mentor withdrew the approval (app/features/portfolio).
   */
  "publish-portfolio": z.object({ submissionId: z.string().min(1) }),
  /** Folds a student's skill signals again from their approved attempts (app/features/skills). */
  "update-skill-signals": z.object({ userId: z.string().min(1) }),
  /** Removes an evidence blob whose row is gone, after deleting it right away failed (retried with back-off). */
  "delete-evidence-blob": z.object({ backend: z.enum(STORAGE_BACKENDS), key: z.string().regex(STORAGE_KEY_PATTERN) }),
  /** Cron: drops expired sessions and stale rate-limit windows and worker heartbeats. */
  "cleanup-expired": z.object({}).passthrough(),
} as const;

export type JobName = keyof typeof jobPayloads;
export type JobPayload<N extends JobName> = z.input<(typeof jobPayloads)[N]>;
export type ParsedJobPayload<N extends JobName> = z.output<(typeof jobPayloads)[N]>;

export const jobNames = Object.keys(jobPayloads) as JobName[];
