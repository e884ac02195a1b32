import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildHeatMap } from "~/domain/heat-map";
import { SkillHeatMap } from "./heat-map";

describe("the heat-map's markup", () => {
  it("draws one cell per skill and month in SVG, hidden from screen readers, and the same values as a table they read", () => {
    const heatMap = buildHeatMap(
      [
        { skillId: "a", key: "net", name: "Network analysis" },
        { skillId: "b", key: "web", name: "Web testing" },
      ],
      [
        { skillId: "a", at: new Date("2026-10-04T00:00:00Z"), masteryAfter: 21.5 },
        { skillId: "b", at: new Date("2026-11-04T00:00:00Z"), masteryAfter: 64 },
      ],
      new Date("2026-11-20T00:00:00Z"),
    );
    const html = renderToString(<SkillHeatMap heatMap={heatMap} headingId="h" />);
    const svg = /<svg[^>]*>[\s\S]*<\/svg>/.exec(html)![0];
    expect(svg).toContain('aria-hidden="true"');
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toContain("Oct 2026");
    expect(svg).toContain("Network analysis, Oct 2026: 21.5 (Beginner), 1 approval");
    // Inside a visually hidden box (a table kept its full width and widened a phone's page), focusable scrolling around the picture.
    expect(html).toMatch(/<div class="overflow-x-auto[^"]*" tabindex="0" role="region" aria-label="Heat-map picture"><svg/);
    const table = /<div class="sr-only"><table[\s\S]*<\/table><\/div>/.exec(html)![0];
    expect(table).toContain('<th scope="row">Web testing</th><td>no evidence yet</td><td>64.0 (Advanced), 1 approval</td>');
    expect(table).toContain('<th scope="row">Network analysis</th><td>21.5 (Beginner), 1 approval</td><td>21.5 (Beginner), no new approvals</td>');
  });
});
