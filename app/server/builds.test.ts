import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_PATH, buildPath, loadBuild } from "./http.server";

/** remix.config.js as the compiler reads it under a given NODE_ENV (a fresh process each time). */
function remixConfig(nodeEnv: "development" | "production" | "test"): { serverBuildPath: string; assetsBuildDirectory: string; publicPath: string } {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", "process.stdout.write(JSON.stringify((await import('./remix.config.js')).default))"], {
    env: { ...process.env, NODE_ENV: nodeEnv },
    encoding: "utf8",
  });
  return JSON.parse(output) as { serverBuildPath: string; assetsBuildDirectory: string; publicPath: string };
}

describe("development and production builds", () => {
  it("land in separate directories, and `npm start` reads the production one", () => {
    const production = remixConfig("production");
    const development = remixConfig("development");
    expect(path.resolve(production.serverBuildPath)).toBe(BUILD_PATH);
    expect(path.resolve(production.serverBuildPath)).toBe(buildPath("production"));
    expect(path.resolve(development.serverBuildPath)).toBe(buildPath("development"));
    expect(development.assetsBuildDirectory).not.toBe(production.assetsBuildDirectory);
    expect(development.publicPath).not.toBe(production.publicPath);
    // Any mode but production (e.g. a build under NODE_ENV=test) stays out of production's way.
    expect(remixConfig("test").serverBuildPath).toBe(development.serverBuildPath);
  });

  it("`npm start` refuses a development build and says what to run", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-build-"));
    try {
      const file = path.join(dir, "index.js");
      fs.writeFileSync(file, 'export const mode = "development";\nexport const routes = {};\n');
      await expect(loadBuild(file)).rejects.toThrow(/is a development build, not a production one: run `npm run build`/);
      const production = path.join(dir, "production.js");
      fs.writeFileSync(production, 'export const mode = "production";\nexport const routes = {};\n');
      await expect(loadBuild(production)).resolves.toMatchObject({ mode: "production" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
