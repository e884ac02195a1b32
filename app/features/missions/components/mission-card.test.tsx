import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProgressStatus } from "@prisma/client";
import { MissionCard, type MissionCardData } from "./mission-card";

const base: MissionCardData = {
  id: "m1",
  slug: "first-shift",
  title: "First Shift",
  summary: "Read the log.",
  difficulty: "NOVICE",
  estimatedMinutes: 45,
  tierRequired: "FREE",
  isCapstone: false,
  skills: [],
  track: { slug: "defender-ops", title: "Defensive Operations" },
  progress: null,
  locks: [],
  recommendation: null,
};

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const withStatus = (status: ProgressStatus) => renderToString(<MissionCard mission={{ ...base, progress: { id: "p1", status, percent: 100 } }} canStart />);

describe("a mission card", () => {
  it("offers to continue work the student can still edit, and only to view work that is submitted or decided", () => {
    expect(text(withStatus("IN_PROGRESS"))).toMatch(/>?\s*Continue\s*$/);
    expect(text(withStatus("CHANGES_REQUESTED"))).toContain("Continue");
    for (const status of ["SUBMITTED", "MENTOR_REVIEW_REQUESTED", "APPROVED"] as const) {
      expect(text(withStatus(status)), status).toContain(" View ");
      expect(text(withStatus(status)), status).not.toContain("Continue");
    }
  });

  it("says once what unlocks a locked mission", () => {
    const html = renderToString(
      <MissionCard mission={{ ...base, locks: [{ kind: "prerequisites", missing: ["Scope First"], message: "Finish “Scope First” first." }] }} canStart />,
    );
    expect(text(html)).toContain("Finish “Scope First” first.");
    expect(text(html)).not.toMatch(/Finish the earlier mission|unlock this one/);
  });
});
