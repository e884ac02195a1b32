import { describe, expect, it } from "vitest";
import { clip, firstParagraph, plainText } from "./excerpt";

describe("story excerpts", () => {
  it("take the first paragraph of prose, whole, skipping headings, lists, quotes and code", () => {
    const story = "# Night shift\n\n> A quote\n\n```\nls\n```\n\n- a list\n\nIt is your **first** week\non the night shift.\n\nThe second paragraph.";
    expect(firstParagraph(story)).toBe("It is your **first** week\non the night shift.");
    expect(firstParagraph("# Only a heading")).toBe("");
    expect(firstParagraph("One.\r\n\r\nTwo.")).toBe("One.");
  });

  it("turn markdown into plain text for descriptions", () => {
    expect(plainText("Read `auth.log` on **bastion-01** and [the wiki](https://example.test)\nfirst.")).toBe("Read auth.log on bastion-01 and the wiki first.");
  });

  it("clip at a word with an ellipsis only when needed", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("Triage a night of SSH logs, and decide.", 24)).toBe("Triage a night of SSH…");
    expect(clip("Triage a night of SSH logs", 24).length).toBeLessThanOrEqual(24);
  });
});
