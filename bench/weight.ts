// `npm run bench -- weight`: what each page costs a browser. The production build is served by
// the same server the end-to-end tests start (e2e/serve.ts: a fresh embedded PostgreSQL with the
// demo academy), and Debian's Chromium opens every page in a fresh browser context (an empty
// cache, as a first visit) to record:
//   - the JavaScript transferred (compressed bytes on the wire, as the server sent them),
//   - which libraries arrived with it (tRPC's client, React Query, zod, marked), found by strings
//     each library keeps in its minified code,
//   - Largest Contentful Paint, the median of several cold loads, without throttling.
// Targets (issue 12): the mission page's JavaScript ≤ 150 KiB, the dashboard's ≤ 120 KiB, no tRPC
// or React Query on public pages, LCP under 1 s for the dashboard and the mission page.
//
// Options (environment): BENCH_WEIGHT_LOADS (cold loads per page for LCP; default 5).
import { spawn, type ChildProcess } from "node:child_process";
import { chromium, type Browser, type BrowserContext, type Page, type Response } from "@playwright/test";
import { freePort } from "~/server/embedded-postgres.server";
import { buildProduction, envNumber, fmt, ms, verdict, waitForQuietMachine } from "./harness";
import { machineLine, median, writeSection } from "./report";

const COMMAND = "npm run bench -- weight";
const PASSWORD = "mxp-dev-password";
const KIB = 1024;

/** Strings that survive minification and belong to one library each. */
export const LIBRARY_MARKERS = {
  "tRPC client": "TRPCClientError",
  "React Query": "No QueryClient set",
  zod: "ZodString",
  marked: "marked(): input parameter",
} as const;
export type Library = keyof typeof LIBRARY_MARKERS;

export function librariesIn(sources: string[]): Library[] {
  return (Object.keys(LIBRARY_MARKERS) as Library[]).filter((library) => sources.some((source) => source.includes(LIBRARY_MARKERS[library])));
}

interface PageSpec {
  key: string;
  label: string;
  path: string;
  account?: string;
  /** Public pages must not load these; budgets in KiB for the pages the issue names. */
  forbidden?: Library[];
  budgetKiB?: number;
  lcpTarget?: boolean;
}

interface PageResult extends PageSpec {
  jsKiB: number;
  totalKiB: number;
  scripts: number;
  libraries: Library[];
  lcp: number[];
}

async function startE2eServer(): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/serve.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "test", PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: "" },
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the server did not answer /healthz within 120 s");
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    base,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function logIn(browser: Browser, base: string, email: string) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/dashboard$/);
  return { context, page };
}

/** A mission the student has started through their mission list. */
async function startedMissionPath(page: Page): Promise<string> {
  // The demo Premium student's own track waits on a mentor; the first mission of another track is open.
  await page.goto("/dashboard/student/missions?track=defender-ops&show=all");
  await page.locator('button[name="missionId"]').first().click();
  // A tier with a monthly limit is asked to confirm first.
  const confirm = page.getByRole("button", { name: /^(Start|Yes, start)/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await page.waitForURL(/\/dashboard\/student\/missions\/[^/?]+$/);
  await page.getByRole("textbox").first().waitFor();
  return new URL(page.url()).pathname;
}

async function firstTrackPagePath(page: Page): Promise<string | undefined> {
  await page.goto("/");
  const href = await page
    .locator('a[href^="/tracks/"]')
    .first()
    .getAttribute("href", { timeout: 2_000 })
    .catch(() => null);
  return href ?? undefined;
}

/** One cold load: a fresh context (empty cache) with the account's cookies. */
async function coldLoad(browser: Browser, base: string, spec: PageSpec, cookies: Map<string, Awaited<ReturnType<BrowserContext["cookies"]>>>) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  if (spec.account) await context.addCookies(cookies.get(spec.account)!);
  const page = await context.newPage();
  const responses: Response[] = [];
  page.on("response", (response) => responses.push(response));
  await page.goto(spec.path, { waitUntil: "networkidle" });
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(Number.NaN), 3_000);
      }),
  );
  let js = 0;
  let total = 0;
  const sources: string[] = [];
  for (const response of responses) {
    const sizes = await response
      .request()
      .sizes()
      .catch(() => undefined);
    const bytes = sizes?.responseBodySize ?? 0;
    total += bytes + (sizes?.responseHeadersSize ?? 0);
    if (new URL(response.url()).pathname.endsWith(".js")) {
      js += bytes;
      sources.push(await response.text().catch(() => ""));
    }
  }
  const scripts = sources.length;
  await context.close();
  return { lcp, js, total, scripts, libraries: librariesIn(sources) };
}

export async function benchWeight(): Promise<void> {
  const loads = envNumber("BENCH_WEIGHT_LOADS", 5);
  buildProduction();
  console.log("  starting the production build with the demo academy…");
  const server = await startE2eServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    const cookies = new Map<string, Awaited<ReturnType<BrowserContext["cookies"]>>>();
    let missionPath = "";
    let trackPath: string | undefined;
    for (const email of ["premium@mxp.local", "mentor@mxp.local", "admin@mxp.local"]) {
      const { context, page } = await logIn(browser, server.base, email);
      if (email.startsWith("premium")) missionPath = await startedMissionPath(page);
      cookies.set(email, await context.cookies());
      await context.close();
    }
    {
      const context = await browser.newContext({ baseURL: server.base });
      trackPath = await firstTrackPagePath(await context.newPage());
      await context.close();
    }
    const publicPage = (key: string, label: string, path: string): PageSpec => ({ key, label, path, forbidden: ["tRPC client", "React Query", "zod", "marked"] });
    const student = "premium@mxp.local";
    const specs: PageSpec[] = [
      publicPage("landing", "Landing page `/`", "/"),
      publicPage("pricing", "Pricing `/pricing`", "/pricing"),
      publicPage("about", "About `/about`", "/about"),
      publicPage("login", "Log in `/login`", "/login"),
      publicPage("signup", "Sign up `/signup`", "/signup"),
      ...(trackPath ? [publicPage("track", `Public track page \`${trackPath}\``, trackPath)] : []),
      {
        key: "overview",
        label: "Dashboard overview `/dashboard`",
        path: "/dashboard",
        account: student,
        budgetKiB: 120,
        lcpTarget: true,
        forbidden: ["React Query", "zod", "marked"],
      },
      {
        key: "missions",
        label: "Missions list",
        path: "/dashboard/student/missions",
        account: student,
        budgetKiB: 120,
        lcpTarget: true,
        forbidden: ["React Query", "zod", "marked"],
      },
      { key: "mission", label: "Mission page, started", path: missionPath, account: student, budgetKiB: 150, lcpTarget: true, forbidden: ["marked"] },
      { key: "skills", label: "Skills", path: "/dashboard/student/skills", account: student },
      { key: "portfolio", label: "Portfolio", path: "/dashboard/student/portfolio", account: student },
      { key: "billing", label: "Plan and billing", path: "/billing", account: student },
      { key: "account", label: "Account", path: "/dashboard/account", account: student },
      { key: "queue", label: "Mentor's review queue", path: "/dashboard/mentor/reviews", account: "mentor@mxp.local" },
      { key: "academy", label: "Admin: academy", path: "/dashboard/admin/academy", account: "admin@mxp.local" },
    ];
    const quiet = await waitForQuietMachine();
    const results: PageResult[] = specs.map((spec) => ({ ...spec, jsKiB: 0, totalKiB: 0, scripts: 0, libraries: [], lcp: [] }));
    // Pages take turns, so a noisy moment on the machine spreads over all of them.
    for (let round = 0; round < loads; round += 1) {
      for (const result of results) {
        const load = await coldLoad(browser, server.base, result, cookies);
        result.lcp.push(load.lcp);
        result.jsKiB = load.js / KIB;
        result.totalKiB = load.total / KIB;
        result.scripts = load.scripts;
        result.libraries = load.libraries;
      }
      console.log(`  round ${round + 1} of ${loads} done`);
    }
    writeSection("weight", report(results, loads, quiet));
  } finally {
    await browser?.close();
    await server.stop();
  }
}

function report(results: PageResult[], loads: number, quietSeconds: number): string {
  const rows = results.map((result) => {
    const lcp = median(result.lcp.filter((value) => Number.isFinite(value)));
    const unwanted = result.libraries.filter((library) => result.forbidden?.includes(library));
    const checks = [
      result.budgetKiB !== undefined ? `JS ≤ ${result.budgetKiB} KiB ${verdict(result.jsKiB <= result.budgetKiB)}` : "",
      result.lcpTarget ? `LCP < 1 s ${verdict(lcp < 1000)}` : "",
      result.forbidden ? `no ${result.forbidden.join("/")} ${verdict(unwanted.length === 0)}` : "",
    ].filter(Boolean);
    return `| ${result.label} | ${fmt(result.jsKiB, 1)} | ${result.scripts} | ${fmt(result.totalKiB, 1)} | ${result.libraries.join(", ") || "none"} | ${ms(lcp)} | ${checks.join("; ") || "—"} |`;
  });
  return `## Page weight and Largest Contentful Paint, in Chromium

Command: \`${COMMAND}\` · ${machineLine()} · waited ${fmt(quietSeconds)} s for a quiet machine.

The production build, compressed as the server sends it, opened in Debian's Chromium without
throttling; every load is a fresh browser context (empty cache, as a first visit). JavaScript is
the compressed bytes received for every \`.js\` file the page loaded (entry, route modules, shared
chunks, anything imported later). Libraries are found by a string each keeps in its minified code.
LCP is the median of ${loads} cold loads, the pages taking turns. The dashboard and mission pages are
those of the demo Premium student; the mission page is one the benchmark started.

| Page | JS (KiB, compressed) | JS files | All bytes (KiB) | Libraries loaded | LCP | Targets |
| --- | ---: | ---: | ---: | --- | ---: | --- |
${rows.join("\n")}
`;
}
