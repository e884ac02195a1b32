import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LIBRARY_MARKERS, librariesIn, type Library } from "./weight";

// The weight benchmark tells which libraries a page loaded by strings their minified code keeps.
// If an upgrade drops one of those strings, the benchmark would report a library as absent.
const SOURCES: Record<Library, string> = {
  "tRPC client": "node_modules/@trpc/client/dist",
  "React Query": "node_modules/@tanstack/react-query/build/modern",
  zod: "node_modules/zod/v4/classic",
  marked: "node_modules/marked/lib",
};

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => /\.(m?js)$/.test(name))
    .map((name) => path.join(folder, name));
}

describe("the weight benchmark's library markers", () => {
  for (const library of Object.keys(LIBRARY_MARKERS) as Library[]) {
    it(`${library}: its marker is still in the installed library's code`, () => {
      const found = filesUnder(SOURCES[library]).some((file) => fs.readFileSync(file, "utf8").includes(LIBRARY_MARKERS[library]));
      expect(found).toBe(true);
    });
  }

  it("names the libraries whose markers occur in a page's scripts, and only those", () => {
    expect(librariesIn(['class x extends Error{constructor(){this.name="TRPCClientError"}}', "var a=1"])).toEqual(["tRPC client"]);
    expect(librariesIn(["No QueryClient set, use QueryClientProvider to set one", 'c("ZodString",f)'])).toEqual(["React Query", "zod"]);
    expect(librariesIn(["console.log(1)"])).toEqual([]);
  });
});
