import type { TierEntitlements } from "~/domain/entitlements";

/** What a plan unlocks, in words, from its row of the tier table. */
export function planFeatures(entitlements: TierEntitlements): { text: string; included: boolean }[] {
  const starts = entitlements.monthlyStarts;
  return [
    { text: "Every mission to read, with its rubric", included: true },
    { text: starts === null ? "Unlimited mission starts" : `${starts} mission start${starts === 1 ? "" : "s"} a month`, included: true },
    { text: "AI rubric reviews within minutes", included: true },
    { text: "Portfolio and skill profile", included: true },
    { text: "Mentor reviews", included: entitlements.mentorReviews },
    { text: "Capstone missions", included: entitlements.capstones },
  ];
}
