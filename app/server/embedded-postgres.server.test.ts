import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { letOthersPassThrough } from "./embedded-postgres.server";

let root: string | undefined;
afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("letOthersPassThrough", () => {
  it("lets others pass through a private data directory and its parents, without letting them list it", () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-pass-through-"));
    const dataDir = path.join(root, ".data");
    fs.mkdirSync(path.join(dataDir, "uploads"), { recursive: true, mode: 0o700 });
    fs.chmodSync(root, 0o700);

    letOthersPassThrough(dataDir, [root]);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o701);
    expect(fs.statSync(root).mode & 0o777).toBe(0o701);
    // What is below stays as private as it was.
    expect(fs.statSync(path.join(dataDir, "uploads")).mode & 0o777).toBe(0o700);
  });

  it("leaves directories outside the project and the temporary directory alone", () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-pass-through-"));
    fs.chmodSync(root, 0o700);
    letOthersPassThrough(root, [path.join(os.tmpdir(), "somewhere-else")]);
    expect(fs.statSync(root).mode & 0o777).toBe(0o700);
  });
});
