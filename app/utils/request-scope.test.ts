import { describe, expect, it } from "vitest";
import { oncePerRequest, requestScope } from "./request-scope.server";

describe("oncePerRequest", () => {
  it("computes once inside one request scope, again in another, and every time outside", async () => {
    let calls = 0;
    const compute = () => ++calls;
    await requestScope.run(new Map(), async () => {
      expect(oncePerRequest("k", compute)).toBe(1);
      await Promise.resolve();
      expect(oncePerRequest("k", compute)).toBe(1);
      expect(oncePerRequest("other", compute)).toBe(2);
    });
    await requestScope.run(new Map(), async () => {
      expect(oncePerRequest("k", compute)).toBe(3);
    });
    expect(oncePerRequest("k", compute)).toBe(4);
    expect(oncePerRequest("k", compute)).toBe(5);
  });
});
