import { getEnv } from "~/utils/env.server";
import { heuristicReviewer } from "./heuristic-reviewer";
import { reviewerConfig, type ReviewerConfig } from "./reviewer-config.server";
import type { Reviewer } from "./reviewer";

let cached: { key: string; reviewer: Promise<Reviewer> } | undefined;

/**
 * The reviewer the configuration names (README, "AI review"): a model, or the built-in heuristic
 * reviewer when none is configured. The AI SDK is loaded only when a model is configured: it
 * takes a noticeable part of a second to import, which every start would otherwise pay.
 */
export function configuredReviewer(config: ReviewerConfig = reviewerConfig(getEnv())): Promise<Reviewer> {
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    cached = {
      key,
      reviewer: config.provider === "heuristic" ? Promise.resolve(heuristicReviewer) : import("./providers.server").then(({ reviewerForModel }) => reviewerForModel(config)),
    };
  }
  return cached.reviewer;
}
