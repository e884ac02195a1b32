import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "~/server/embedded-postgres.server";
import { machineLine, median, writeSection } from "./report";

/** A fresh clone of the working tree (tracked and new files), sharing node_modules. */
export function freshCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-bench-startup-"));
  fs.chmodSync(dir, 0o755);
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.copyFileSync(file, path.join(dir, file));
  }
  fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
  return dir;
}

async function waitFor200(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

async function startAndStop(dir: string, port: number): Promise<{ firstOkMs: number; shutdownMs: number; clean: boolean }> {
  const started = performance.now();
  const child = spawn("npm", ["run", "dev"], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), LOG_LEVEL: "info", DATABASE_URL: "", NODE_ENV: "development" },
  });
  let stderr = "";
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  try {
    await waitFor200(`http://127.0.0.1:${port}/`, child, 120_000);
  } catch (error) {
    process.kill(-child.pid!, "SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr.slice(-2000)}`);
  }
  const firstOkMs = performance.now() - started;
  const stopping = performance.now();
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  // Ctrl-C in a terminal signals the whole process group: npm, its shell and the server.
  process.kill(-child.pid!, "SIGINT");
  await exited;
  const clean = stdout.includes('"msg":"shutdown complete"') && !/"level":"error"/.test(stdout);
  return { firstOkMs, shutdownMs: performance.now() - stopping, clean };
}

export async function benchStartup(): Promise<void> {
  const dir = freshCopy();
  const port = await freePort();
  try {
    const fresh = await startAndStop(dir, port);
    const restarts = [];
    for (let i = 0; i < 3; i++) restarts.push(await startAndStop(dir, port));
    const restartMs = median(restarts.map((run) => run.firstOkMs));
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const lines = [
      "## Start-up: `npm run dev` to the first 200 from `/`",
      "",
      "Command: `npm run bench -- startup` (a fresh copy of the working tree with node_modules linked, no build, no `.data`; then three restarts with data and build in place).",
      `Machine: ${machineLine()}.`,
      "",
      "| run | first 200 from `/` | target | shutdown after Ctrl-C (clean = the ordered sequence completed, no error logged) |",
      "| --- | --- | --- | --- |",
      `| fresh clone (compile, initdb, migrations, demo seed) | ${seconds(fresh.firstOkMs)} | < 20 s | ${seconds(fresh.shutdownMs)}, ${fresh.clean ? "clean" : "NOT clean"} |`,
      `| restart with data (median of 3: ${restarts.map((run) => seconds(run.firstOkMs)).join(", ")}) | ${seconds(restartMs)} | < 5 s | ${seconds(median(restarts.map((run) => run.shutdownMs)))}, ${restarts.every((run) => run.clean) ? "clean" : "NOT clean"} |`,
    ];
    writeSection("startup", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
