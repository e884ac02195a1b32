// Reliability under oversized request bodies: the production build's memory while clients send
// it ten 200 MB bodies at once, to each kind of route that reads a body (REST v1 JSON, a page's
// form action, tRPC). The bodies are made as they are sent, chunked (no Content-Length, so the
// server has to count them), and never held whole by this process either. The server's resident
// memory is read from /proc while they are sent.
//
// Options (environment): BENCH_BODY_MB (size of each body, default 200), BENCH_PARALLEL (bodies
// sent at once to each route, default 10).
import fs from "node:fs";
import { appRouter } from "~/trpc/root.server";
import { runFuzz, trpcProceduresOf } from "~/testing/fuzz";
import { buildProduction, envNumber, fmt, migratedDatabase, scaleDatabase, startServer, treeLine, verdict, type BenchServer } from "./harness";
import { machineLine, writeSection } from "./report";
import { SCALE_PASSWORD } from "./seed-scale";

const MiB = 1024 * 1024;
/** The figure the run is held to: how much the server's memory may grow while bodies are refused. */
const GROWTH_BUDGET_BYTES = 50 * MiB;
const CHUNK_BYTES = 64 * 1024;
const WARM_UP_BYTES = 8 * MiB;

interface Target {
  label: string;
  method: string;
  path: string;
  contentType: string;
}

const TARGETS: Target[] = [
  { label: "REST v1 `POST /api/v1/auth/login` (JSON)", method: "POST", path: "/api/v1/auth/login", contentType: "application/json" },
  { label: "page action `POST /login` (form)", method: "POST", path: "/login", contentType: "application/x-www-form-urlencoded" },
  { label: "tRPC `POST /api/trpc/account.logIn` (JSON)", method: "POST", path: "/api/trpc/account.logIn", contentType: "application/json" },
];

/** Resident memory of a process, in bytes: now (VmRSS) and its peak since the last reset (VmHWM). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { rss: kB("VmRSS"), peak: kB("VmHWM") };
}

/** Starts the kernel's peak count (VmHWM) afresh; false where that is not allowed. */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** A body of `total` bytes made chunk by chunk as the connection takes them; `sent()` counts what was taken. */
function generatedBody(total: number) {
  const chunk = new Uint8Array(CHUNK_BYTES).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk.slice());
      },
    },
    { highWaterMark: 0 },
  );
  return { body, sent: () => sent };
}

async function sendOversized(server: BenchServer, target: Target, bytes: number): Promise<{ status: string; sent: number }> {
  const { body, sent } = generatedBody(bytes);
  try {
    const response = await fetch(`${server.base}${target.path}`, {
      method: target.method,
      headers: { "Content-Type": target.contentType, Origin: server.base, Accept: "text/html,application/json" },
      body,
      duplex: "half",
    });
    await response.arrayBuffer();
    return { status: String(response.status), sent: sent() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { status: cause?.code ?? (error as Error).message, sent: sent() };
  }
}

interface TargetResult {
  target: Target;
  before: number;
  peak: number;
  statuses: Map<string, number>;
  mostSent: number;
}

async function measure(server: BenchServer, target: Target, bytes: number, parallel: number): Promise<TargetResult> {
  const pid = server.child.pid!;
  // A first round, not measured: the route's code paths and the server's connection handling
  // warm up, and the heap takes the size it keeps, so the measurement is the steady state's.
  await Promise.all(Array.from({ length: parallel }, () => sendOversized(server, target, WARM_UP_BYTES)));
  const before = memoryOf(pid).rss;
  const kernelPeak = resetPeak(pid);
  let sampledPeak = before;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss);
  }, 5);
  const results = await Promise.all(Array.from({ length: parallel }, () => sendOversized(server, target, bytes)));
  clearInterval(sampler);
  const after = memoryOf(pid);
  const peak = Math.max(sampledPeak, after.rss, kernelPeak ? after.peak : 0);
  const statuses = new Map<string, number>();
  for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  return { target, before, peak, statuses, mostSent: Math.max(...results.map((result) => result.sent)) };
}

const mb = (bytes: number) => `${fmt(bytes / MiB, 1)} MB`;

/** Runs the benchmark and returns its markdown lines. */
export async function benchBodyLimits(): Promise<string[]> {
  const bodyBytes = envNumber("BENCH_BODY_MB", 200) * MiB;
  const parallel = envNumber("BENCH_PARALLEL", 10);
  buildProduction();
  const database = await migratedDatabase();
  let server: BenchServer | undefined;
  try {
    server = await startServer(database, { countQueries: false, label: "reliability" });
    const results: TargetResult[] = [];
    for (const target of TARGETS) {
      console.log(`  ${parallel} × ${mb(bodyBytes)} to ${target.path}…`);
      results.push(await measure(server, target, bodyBytes, parallel));
    }
    const worstGrowth = Math.max(...results.map((result) => result.peak - result.before));
    return [
      `${parallel} clients at once send each route a ${mb(bodyBytes)} body, made as it is sent and without a Content-Length (chunked), to the production build (\`NODE_ENV=production remix build\`, served as \`npm start\` serves it); after a round of ${mb(WARM_UP_BYTES)} bodies that is not measured, the server's resident memory (RSS) is read from \`/proc\` throughout, its peak also from the kernel's own count (VmHWM). "Answers" are what the clients got: a status, or the error their connection ended with.`,
      "",
      "| route | answers | most a client sent before its answer | RSS before | RSS peak | growth |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
      ...results.map(({ target, before, peak, statuses, mostSent }) => {
        const answers = [...statuses].map(([status, count]) => `${count} × ${status}`).join(", ");
        return `| ${target.label} | ${answers} | ${mb(mostSent)} | ${mb(before)} | ${mb(peak)} | ${mb(peak - before)} |`;
      }),
      "",
      `Server memory growth during ${parallel} parallel ${mb(bodyBytes)} bodies, worst route: ${mb(worstGrowth)} (budget < ${mb(GROWTH_BUDGET_BYTES)}): ${verdict(worstGrowth < GROWTH_BUDGET_BYTES)}`,
    ];
  } finally {
    await server?.stop();
    await database.close();
  }
}

/**
 * Wrong passwords for one account from one address, all at once: how many reached the password
 * check (a 401 is an attempt whose password was checked; the throttle answers the rest 429
 * before any check).
 */
async function loginFlood(server: BenchServer, email: string, attempts: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const answers = await Promise.all(
    Array.from({ length: attempts }, () =>
      fetch(`${server.base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "not the password at all" }),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0),
    ),
  );
  for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  return statuses;
}

/** `npm run bench -- reliability`: the login flood, generated bad input, and oversized bodies. */
export async function benchReliability(): Promise<void> {
  const FLOOD = envNumber("BENCH_LOGIN_FLOOD", 300);
  const lines = [
    "## Reliability: log-in floods, bad input, oversized bodies",
    "",
    `Command: \`npm run bench -- reliability\` (part of \`npm run bench\`). Machine: ${machineLine()}. Code: ${treeLine()}.`,
    "",
  ];
  buildProduction();
  const database = await scaleDatabase(50);
  let server: BenchServer | undefined;
  try {
    server = await startServer(database, { countQueries: false, label: "reliability-flood" });
    const first = database.seed.students.find((student) => student.inProgress.length > 0);
    if (!first) throw new Error("The scale seed has no student with a mission in progress.");
    // bench/seed-scale.ts: user `u<n>` is student<n>@bench.mxp.local.
    const email = `student${first.userId.slice(1)}@bench.mxp.local`;
    console.log(`  ${FLOOD} parallel wrong passwords for one account…`);
    // Another student than the one the fuzzing signs in as, whose log-ins the flood would throttle.
    const floodTarget = database.seed.students.find((student) => student !== first)!;
    const flood = await loginFlood(server, `student${floodTarget.userId.slice(1)}@bench.mxp.local`, FLOOD);
    const checked = flood.get(401) ?? 0;
    lines.push(
      `**Log-in flood**: ${FLOOD} parallel wrong passwords for one account from one address, to \`POST /api/v1/auth/login\` of the production build. Answers: ${[...flood].map(([status, count]) => `${count} × ${status || "connection error"}`).join(", ")}. Passwords checked (answered 401): **${checked}** (target ≤ 5): ${verdict(checked <= 5)}`,
      "",
    );

    const progress = first.inProgress[0]!;
    console.log("  generated bad input against every REST operation and page action…");
    const fuzz = await runFuzz({
      baseUrl: server.base,
      token: first.token,
      known: {
        missionId: progress.missionId,
        progressId: progress.id,
        subtaskId: progress.subtaskIds[1] ?? progress.subtaskIds[0]!,
        version: progress.version,
        credentials: { email, password: SCALE_PASSWORD },
      },
      procedures: trpcProceduresOf(appRouter),
      pages: "http",
      seed: 7,
      runsPerOperation: 40,
    });
    lines.push(
      `**Bad input** (app/testing/fuzz.ts, the generators of the fuzz test, seed 7, 40 inputs per operation, over HTTP to the production build: every REST operation of the OpenAPI document, every tRPC procedure and every page action): **${fmt(fuzz.tried)}** inputs tried, **${fuzz.fiveHundreds}** answered 5xx (target 0): ${verdict(fuzz.fiveHundreds === 0)}`,
      ...fuzz.failures.slice(0, 5).map((failure) => `- ${failure.operation} → ${failure.status}: \`${failure.answer.slice(0, 120).replace(/`/g, "'")}\``),
      "",
    );
  } finally {
    await server?.stop();
    await database.close();
  }
  lines.push("**Oversized bodies**: " + (await benchBodyLimits()).join("\n"));
  const markdown = lines.join("\n");
  writeSection("reliability", markdown);
  console.log(markdown);
}
