/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

// Remix drops `loader` and `action` from the browser's copy of a route module, but not a call
// made at module scope: `export const loader = pageLoader(…)` would run in the browser, where
// server modules are empty, and the page would never hydrate. Route modules declare them as
// functions and call the wrappers inside (app/utils/page.server.ts).
const sources = {
  ...import.meta.glob<string>("./*.{ts,tsx}", { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>("../root.tsx", { query: "?raw", import: "default", eager: true }),
};

describe("route modules", () => {
  it("are there to check", () => {
    expect(Object.values(sources).filter((source) => /^export default /m.test(source)).length).toBeGreaterThanOrEqual(13);
  });

  for (const [file, source] of Object.entries(sources)) {
    // Pages are what the browser loads and hydrates; resource routes never reach it.
    if (file.endsWith(".test.ts") || file.endsWith(".test.tsx") || !/^export default /m.test(source)) continue;
    it(`${file} declares its loader and action as functions`, () => {
      expect(source, "write `export async function loader(args) { return pageLoader(args, …) }`").not.toMatch(/export const (loader|action)\s*=\s*[A-Za-z_$][\w$]*\(/);
    });
  }
});
