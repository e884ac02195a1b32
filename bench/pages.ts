// `npm run bench -- pages`: the pages students spend their time on and every REST v1 and tRPC
// read behind them, each as a share of a static page's throughput (`/about`) on the same server
// in the same run, plus the SQL statements each one sends. The routes take turns (ROUNDS turns
// each, in rotation), so that a burst of outside load on this shared machine hits all of them
// alike; a route's turns are then pooled, and each turn's ratio is reported too.
//
// Options (environment): BENCH_DURATION (s per route, all turns together; default 15),
// BENCH_WARMUP (s per route, default 3), BENCH_CONNECTIONS (default 20), BENCH_ONLY (keys of the
// routes to measure, comma-separated; /about is always measured), BENCH_CPU_PROF=<dir> (the
// server child writes a V8 CPU profile there).
import { SCALE, type BenchStudent } from "./seed-scale";
import {
  bearerOf,
  buildProduction,
  cookieOf,
  countStatements,
  envNumber,
  fmt,
  measureRoute,
  ms,
  pooled,
  ROUNDS,
  scaleDatabase,
  startServer,
  statementLine,
  treeLine,
  verdict,
  waitForQuietMachine,
  type RouteRequest,
  type RouteRun,
  type StatementCount,
} from "./harness";
import { machineLine, writeSection } from "./report";

const COMMAND = "npm run bench -- pages";
const DASHBOARD_PATH = "/dashboard/student/missions";
/** The same page with every available mission rendered (the default shows the first six). */
const DASHBOARD_ALL_PATH = "/dashboard/student/missions?show=all";

const HTML = { accept: "text/html,application/xhtml+xml", "accept-language": "en" };
const JSON_ACCEPT = { accept: "application/json" };

const page =
  (path: (student: BenchStudent) => string): RouteRequest =>
  (student) => ({ path: path(student!), headers: { ...HTML, cookie: cookieOf(student!) } });
/** REST v1 as an API client calls it: a bearer token. */
const rest =
  (path: (student: BenchStudent) => string): RouteRequest =>
  (student) => ({ path: path(student!), headers: { ...JSON_ACCEPT, authorization: bearerOf(student!) } });
/** tRPC as the pages' client calls it: one query per request (httpLink), the session cookie. */
const trpc =
  (procedure: string, input: (student: BenchStudent) => unknown): RouteRequest =>
  (student) => {
    const value = input(student!);
    const query = value === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(value))}`;
    return { path: `/api/trpc/${procedure}${query}`, headers: { ...JSON_ACCEPT, cookie: cookieOf(student!) } };
  };

interface Route {
  key: string;
  label: string;
  /** Lowest acceptable share of /about's throughput (null: reported, no target). */
  target: number | null;
  request: RouteRequest;
  /** Who sends it, in turn; anonymous when absent. */
  students?: BenchStudent[];
  /** Text the answer must contain (checked once before measuring). */
  expect?: (student: BenchStudent | undefined) => string;
}

const inProgress = (student: BenchStudent) => student.inProgress[0]!;
const submitted = (student: BenchStudent) => student.submitted[0]!;

export function studentRoutes(students: BenchStudent[], explorers: BenchStudent[]): Route[] {
  const withSubmission = students.filter((student) => student.submitted.length > 0);
  const withFreshMission = students.filter((student) => student.notStarted !== null);
  return [
    {
      key: "about",
      label: "`/about` (static page, anonymous: the root loader finds no session)",
      target: null,
      request: () => ({ path: "/about", headers: HTML }),
      expect: () => "About MXP",
    },
    {
      key: "dashboard",
      label: "dashboard `/dashboard/student/missions` (1–2 tracks: 10–20 missions; what is in progress or completed and the first six available)",
      target: 0.5,
      request: page(() => DASHBOARD_PATH),
      students,
      expect: () => 'data-testid="mission-card"',
    },
    { key: "dashboard-all", label: "dashboard, every mission of the student's tracks (`?show=all`: 10–20 cards)", target: 0.3, request: page(() => DASHBOARD_ALL_PATH), students },
    {
      key: "dashboard-200",
      label: `dashboard of a new student, every track (\`?show=all\`: all ${SCALE.tracks * SCALE.missionsPerTrack} cards; how the page grows, no target)`,
      target: null,
      request: page(() => DASHBOARD_ALL_PATH),
      students: explorers,
    },
    {
      key: "mission-new",
      label: "mission page, not started (`/dashboard/student/missions/{slug}`)",
      target: 0.4,
      request: page((student) => `${DASHBOARD_PATH}/${student.notStarted}`),
      students: withFreshMission,
    },
    {
      key: "mission-working",
      label: "mission page, in progress (notes in every step, two evidence files)",
      target: 0.4,
      request: page((student) => `${DASHBOARD_PATH}/${inProgress(student).missionSlug}`),
      students,
      expect: (student) => inProgress(student!).subtaskIds[0]!,
    },
    {
      key: "mission-submitted",
      label: "mission page, submitted (the attempt with its snapshot, its review pending)",
      target: 0.4,
      request: page((student) => `${DASHBOARD_PATH}/${submitted(student).missionSlug}`),
      students: withSubmission,
    },
    {
      key: "mission-data",
      label: "mission page reached by a `<Link>` from the dashboard (a client-side navigation: the route's data only, `?_data=`; no target)",
      target: null,
      request: (student) => ({
        path: `${DASHBOARD_PATH}/${inProgress(student!).missionSlug}?_data=${encodeURIComponent("routes/dashboard.student.missions.$id")}`,
        headers: { ...JSON_ACCEPT, cookie: cookieOf(student!) },
      }),
      students,
      expect: () => '"mission"',
    },
    {
      key: "onboarding",
      label: "onboarding page `/dashboard/student/onboarding` (the profiler and the tracks)",
      target: 0.3,
      request: page(() => "/dashboard/student/onboarding"),
      students,
    },
    {
      key: "notifications",
      label: "notifications page `/dashboard/notifications` (12 notifications, 3 unread)",
      target: 0.3,
      request: page(() => "/dashboard/notifications"),
      students,
    },
    {
      key: "rest-dashboard",
      label: "REST `GET /api/v1/missions/dashboard` (bearer token)",
      target: 0.5,
      request: rest(() => "/api/v1/missions/dashboard"),
      students,
      expect: () => '"available"',
    },
    {
      key: "rest-mission",
      label: "REST `GET /api/v1/missions/{id}` (a mission in progress)",
      target: 0.5,
      request: rest((student) => `/api/v1/missions/${inProgress(student).missionId}`),
      students,
      expect: () => '"subtasks"',
    },
    {
      key: "rest-progress",
      label: "REST `GET /api/v1/mission-progress/{id}`",
      target: 0.5,
      request: rest((student) => `/api/v1/mission-progress/${inProgress(student).id}`),
      students,
      expect: () => '"version"',
    },
    { key: "rest-me", label: "REST `GET /api/v1/me`", target: 0.5, request: rest(() => "/api/v1/me"), students, expect: () => '"email"' },
    {
      key: "trpc-dashboard",
      label: "tRPC `missions.dashboard` (session cookie)",
      target: 0.5,
      request: trpc("missions.dashboard", () => undefined),
      students,
      expect: () => '"available"',
    },
    {
      key: "trpc-mission",
      label: "tRPC `missions.get`",
      target: 0.5,
      request: trpc("missions.get", (student) => ({ missionId: inProgress(student).missionId })),
      students,
      expect: () => '"subtasks"',
    },
    {
      key: "trpc-progress",
      label: "tRPC `progress.get`",
      target: 0.5,
      request: trpc("progress.get", (student) => ({ progressId: inProgress(student).id })),
      students,
      expect: () => '"version"',
    },
  ];
}

interface DashboardCount extends StatementCount {
  label: string;
  missions: number;
  cards: number;
  everyCard: boolean;
}

export async function benchPages(): Promise<void> {
  const duration = envNumber("BENCH_DURATION", 15);
  const warmup = envNumber("BENCH_WARMUP", 3);
  const connections = envNumber("BENCH_CONNECTIONS", 20);
  const only = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
  console.log("  seeding an embedded PostgreSQL at scale…");
  const database = await scaleDatabase(2_000);
  try {
    console.log(`  seeded in ${database.seedSeconds.toFixed(1)} s: ${JSON.stringify(database.seed.rows)}`);
    buildProduction();
    const { students, explorers } = database.seed;
    const all = studentRoutes(students, explorers);
    const measured = all.filter((route) => route.key === "about" || only.length === 0 || only.includes(route.key));

    // 1. SQL statements: per request of every route, and per dashboard render at 10, 20 and 200 missions.
    const counting = await startServer(database, { countQueries: true, label: "pages-count" });
    const statements = new Map<string, StatementCount>();
    let dashboardCounts: DashboardCount[];
    try {
      for (const route of measured) {
        const student = route.students?.[0];
        const count = await countStatements(counting, route.request, student);
        const expected = route.expect?.(student);
        if (expected && !count.body.includes(expected)) throw new Error(`${route.key}: the answer lacks ${JSON.stringify(expected)}: ${count.body.slice(0, 400)}`);
        statements.set(route.key, count);
      }
      const dashboard = async (label: string, student: BenchStudent, path = DASHBOARD_ALL_PATH): Promise<DashboardCount> => {
        const count = await countStatements(
          counting,
          page(() => path),
          student,
        );
        return { ...count, label, missions: student.visibleMissions, cards: count.body.split('data-testid="mission-card"').length - 1, everyCard: path === DASHBOARD_ALL_PATH };
      };
      const twoTracks = students.find((student) => student.enrolledTracks === 2)!;
      dashboardCounts = [
        await dashboard(
          "enrolled in 1 track",
          students.find((student) => student.enrolledTracks === 1)!,
        ),
        await dashboard("enrolled in 2 tracks", twoTracks),
        await dashboard("no enrolment yet (every track)", explorers[0]!),
        await dashboard("enrolled in 2 tracks, default view (the first six available)", twoTracks, DASHBOARD_PATH),
      ];
    } finally {
      await counting.stop();
    }
    for (const count of dashboardCounts) {
      if (count.everyCard && count.cards !== count.missions)
        throw new Error(`the dashboard of a student ${count.label} showed ${count.cards} mission cards, expected ${count.missions}`);
    }
    console.log(`  statements per request: ${measured.map((route) => `${route.key} ${Math.max(...statements.get(route.key)!.counts)}`).join(", ")}`);

    // 2. Throughput: every route on one server, in turns.
    const server = await startServer(database, { countQueries: false, label: "pages", cpuProfDir: process.env.BENCH_CPU_PROF });
    const runs = new Map<string, RouteRun[]>(measured.map((route) => [route.key, []]));
    try {
      await waitForQuietMachine();
      console.log(`  warming up (${warmup} s per route)…`);
      for (const route of measured) await measureRoute(server, database, "warm-up", { request: route.request, students: route.students, connections, duration: warmup });
      const slice = duration / ROUNDS;
      console.log(`  measuring (${duration} s per route in ${ROUNDS} turns of ${fmt(slice, 1)} s, ${measured.length} routes, ${connections} connections)…`);
      for (let round = 0; round < ROUNDS; round++) {
        for (const route of measured) {
          const run = await measureRoute(server, database, route.key, { request: route.request, students: route.students, connections, duration: slice });
          runs.get(route.key)!.push(run);
        }
        const about = runs.get("about")![round]!;
        console.log(
          `  turn ${round + 1}: ${measured.map((route) => `${route.key} ${fmt(runs.get(route.key)![round]!.rps)} (${(runs.get(route.key)![round]!.rps / about.rps).toFixed(2)})`).join(", ")}`,
        );
      }
    } finally {
      await server.stop();
    }

    // 3. The report.
    const aboutRuns = runs.get("about")!;
    const about = pooled("about", aboutRuns);
    const results = measured.map((route) => {
      const turns = runs.get(route.key)!;
      const run = pooled(route.label, turns);
      const ratio = run.rps / about.rps;
      const perTurn = turns.map((turn, index) => (aboutRuns[index]!.rps > 0 ? turn.rps / aboutRuns[index]!.rps : Number.NaN));
      const clean = run.non2xx === 0 && run.errors === 0;
      const counts = statements.get(route.key)!.counts;
      const bytes = Buffer.byteLength(statements.get(route.key)!.body);
      return { route, run, ratio, perTurn, clean, bytes, statements: Math.max(...counts), pass: clean && (route.target === null || ratio >= route.target) };
    });
    const studentPages = results.filter((result) => result.route.target !== null);
    const lowest = studentPages.reduce((low, result) => (result.ratio < low.ratio ? result : low), studentPages[0] ?? results[0]!);
    const maxDashboard = Math.max(...dashboardCounts.flatMap((count) => count.counts));
    const grows = new Set(dashboardCounts.map((count) => Math.max(...count.counts))).size > 1;
    const row = (result: (typeof results)[number]) =>
      `| ${result.route.label} | ${fmt(result.run.rps)} | **${result.ratio.toFixed(2)}** | ${result.perTurn.map((value) => (Number.isFinite(value) ? value.toFixed(2) : "—")).join(", ")} | ${result.route.target === null ? "—" : `≥ ${result.route.target}`} | ${ms(result.run.p50)} | ${ms(result.run.p99)} | ${fmt(result.run.requests)} | ${result.run.non2xx} / ${result.run.errors} | ${fmt(result.bytes / 1024, 1)} KB | ${result.statements} | ${fmt(result.run.cpu.server, 2)} / ${fmt(result.run.cpu.postgres, 2)} | ${fmt(result.run.cpu.outsideCores, 2)} | ${result.route.target === null ? "—" : verdict(result.pass)} |`;
    const rows = database.seed.rows;
    const lines = [
      "## Student pages and API reads at scale, against a static page",
      "",
      `Command: \`${COMMAND}\` (part of \`npm run bench\`). It builds the app for production first (\`NODE_ENV=production remix build\` into \`build/production\`) and measures that build.`,
      `Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `Data (bench/seed-scale.ts, seeded in ${database.seedSeconds.toFixed(1)} s): ${fmt(rows.Mission!)} published missions (${SCALE.tracks} tracks × ${SCALE.missionsPerTrack}, 5 subtasks, 3 rubric criteria and 2–3 skills each), ` +
        `${fmt(SCALE.students)} students with 1–2 tracks each plus ${explorers.length} new students without one, ${fmt(rows.MissionProgress!)} progress records (notes in every step), ` +
        `${fmt(rows.Submission!)} submitted attempts, ${fmt(rows.EvidenceFile!)} evidence files, ${fmt(rows.MissionStart!)} mission starts this month, ${fmt(rows.Subscription!)} subscriptions, ${fmt(rows.Notification!)} notifications.`,
      `Server: the production build in a child process (bench/serve.ts: \`NODE_ENV=production\`, no job worker, request log at info level to a file), embedded PostgreSQL 18 (fsync on). ` +
        `Load: autocannon in the bench process, ${connections} keep-alive connections; ${warmup} s warm-up per route, then ${duration} s per route in ${ROUNDS} turns of ${fmt(duration / ROUNDS, 1)} s, every route's turn in rotation. ` +
        `Each request signs in as the next of ${fmt(students.length)} students in turn (real sessions; pages and tRPC with the session cookie, REST with the bearer token) and asks for that student's own mission or record. ` +
        `The ratio is the route's requests per second over \`/about\`'s in the same turns; percentiles are over every response of the route's turns. ` +
        `SQL statements per request are counted in a separate server process (around \`pg.Client#query\`), one request at a time. CPU per request is read from /proc for the server process and the PostgreSQL processes; ` +
        `the last number is the rest of the machine's busy time (other people's work on this shared machine).`,
      "",
      "| route | req/s | ÷ `/about` | per turn | target | p50 | p99 | requests | non-2xx / errors | answer size | SQL statements per request | CPU ms per request: server / PostgreSQL | cores busy with other work (of 2) | result |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...results.map(row),
      "",
      "SQL statements per dashboard render (one render at a time, 5 renders each after a first one; `?show=all`, so that every visible mission is rendered, unless the row says otherwise):",
      "",
      "| student | missions | mission cards rendered | statements per render |",
      "| --- | --- | --- | --- |",
      ...dashboardCounts.map((count) => `| ${count.label} | ${count.missions} | ${count.cards} | ${[...new Set(count.counts)].join(", ")} |`),
      "",
      ...(["dashboard", "mission-working"] as const)
        .filter((key) => statements.has(key))
        .flatMap((key) => [
          `The statements of one ${key === "dashboard" ? "dashboard render" : "mission page render (in progress)"}, in the order they were sent:`,
          "",
          ...statements.get(key)!.statements.map((statement, index) => `${index + 1}. ${statementLine(statement)}`),
          "",
        ]),
      "| target | measured | result |",
      "| --- | --- | --- |",
      ...(studentPages.length > 0
        ? [
            `| every page a student uses and every REST or tRPC read at its target (above) | ${studentPages.filter((result) => result.pass).length} of ${studentPages.length} | ${verdict(studentPages.every((result) => result.pass))} |`,
            `| no page a student uses below 0.3 of the static page | lowest: ${lowest.route.key} at ${lowest.ratio.toFixed(2)} | ${verdict(studentPages.every((result) => result.ratio >= 0.3))} |`,
          ]
        : []),
      `| ≤ 6 SQL statements per dashboard render | at most ${maxDashboard} | ${verdict(maxDashboard <= 6)} |`,
      `| …whatever the number of missions (10, 20, 200 rendered; 20 in the default view) | ${dashboardCounts.map((count) => Math.max(...count.counts)).join(", ")} | ${verdict(!grows)} |`,
    ];
    writeSection("pages", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await database.close();
  }
}
