import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA that axe-core checks. */
export const WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/**
 * Fails with every WCAG 2.2 A/AA violation axe-core finds on the page as it is now, each with
 * the rule, what it asks and the first elements that break it, under the name of the state. A
 * soft assertion: a test that walks through several pages reports every page's violations.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  const described = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(" | ")}`,
  );
  expect.soft(described, `WCAG 2.2 A/AA violations on ${state}`).toEqual([]);
}
