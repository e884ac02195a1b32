import { describe, expect, it } from "vitest";
import { diffText, hasChanges } from "./attempt-diff";

describe("the attempt diff", () => {
  it("marks words added and removed since the previous attempt and keeps the rest", () => {
    const parts = diffText("Port scan at 09:14, then brute force.", "Port scan at 09:14, then brute force on ssh and a reverse shell.");
    expect(parts.filter((part) => part.kind === "added").map((part) => part.text.trim())).toContain("on ssh and a reverse shell");
    expect(parts.map((part) => (part.kind === "removed" ? "" : part.text)).join("")).toBe("Port scan at 09:14, then brute force on ssh and a reverse shell.");
    const words = (text: string) => text.replace(/\s+/g, "");
    expect(words(parts.map((part) => (part.kind === "added" ? "" : part.text)).join(""))).toBe(words("Port scan at 09:14, then brute force."));
    expect(hasChanges(parts)).toBe(true);
  });

  it("says when nothing changed", () => {
    expect(hasChanges(diffText("same words", "same words"))).toBe(false);
    expect(diffText("", "")).toEqual([]);
  });
});
