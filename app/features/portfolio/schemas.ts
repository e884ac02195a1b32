import { z } from "zod";
import { HANDLE_MAX_LENGTH } from "~/domain/handle";
import { idSchema, storableText } from "~/utils/validation";

export const portfolioReviewerSchema = z.object({
  kind: z.enum(["model", "heuristic", "mentor"]),
  name: z.string().meta({ description: "provider:model for a model, `heuristic` for the built-in reviewer, `mentor` for a mentor" }),
  label: z.string().meta({ description: "How the page names who scored the work" }),
});
export type PortfolioReviewer = z.infer<typeof portfolioReviewerSchema>;

export const portfolioFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string().meta({ description: "Where the owner downloads it (their session is needed)" }),
  public: z.boolean().meta({ description: "Whether the student chose to show it on their public page" }),
});
export type PortfolioFile = z.infer<typeof portfolioFileSchema>;

export const portfolioSkillSchema = z.object({ key: z.string(), name: z.string(), weight: z.number().meta({ description: "0–1: how much of the mission exercises it" }) });

export const portfolioItemSchema = z
  .object({
    id: z.string(),
    submissionId: z.string(),
    mission: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
    approvedAt: z.string(),
    score: z.number().meta({ description: "The approving review's weighted total, 0–100" }),
    reviewer: portfolioReviewerSchema,
    mentorApproved: z.boolean(),
    skills: z.array(portfolioSkillSchema),
    summary: z.string().meta({ description: "The approving review's summary or the mentor's overall comment" }),
    reflection: z.string(),
    isPublic: z.boolean().meta({ description: "Whether it is shown on the student's public page" }),
    files: z.array(portfolioFileSchema).meta({ description: "The approved attempt's evidence" }),
  })
  .meta({ id: "PortfolioItem" });
export type PortfolioItemView = z.infer<typeof portfolioItemSchema>;

export const portfolioOutput = z
  .object({
    handle: z.string(),
    publicUrl: z.string().meta({ description: "The student's public page; it shows only the items and files they chose" }),
    items: z.array(portfolioItemSchema).meta({ description: "Newest approval first" }),
  })
  .meta({ id: "Portfolio" });
export type PortfolioView = z.infer<typeof portfolioOutput>;

/** A student's choices on one item; what is left out stays as it is. */
export const portfolioItemChoicesInput = z.object({
  itemId: idSchema,
  isPublic: z.boolean().optional(),
  publicFileIds: z.array(idSchema).max(100, "Choose at most 100 files").optional(),
});
export type PortfolioItemChoices = z.infer<typeof portfolioItemChoicesInput>;

export const portfolioItemChoicesOutput = z.object({ id: z.string(), isPublic: z.boolean(), publicFileIds: z.array(z.string()) });

export const changeHandleInput = z.object({
  // Its rules (app/domain/handle.ts) are checked by the service, after normalising.
  handle: storableText({ message: "Choose a handle" }).max(HANDLE_MAX_LENGTH * 4, "That handle is too long"),
});
export const changeHandleOutput = z.object({ handle: z.string(), publicUrl: z.string() });
