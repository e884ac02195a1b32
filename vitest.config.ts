import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve("app"),
      "#jobs": path.resolve("jobs"),
      "#prisma": path.resolve("prisma"),
    },
  },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "jobs/**/*.test.ts", "prisma/**/*.test.ts", "bench/**/*.test.ts"],
    globalSetup: ["./app/testing/global-setup.ts"],
    setupFiles: ["./app/testing/setup-database.ts"],
    globals: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // A zone far from UTC, so a timestamp read or written as local time fails a test.
    env: { NODE_ENV: "test", LOG_LEVEL: "silent", TZ: "America/Sao_Paulo" },
  },
});
