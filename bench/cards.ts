// `npm run bench -- cards`: what the router's own <Link> and <Form> cost on the dashboard, the
// page with the most of them. Two production builds of the same tree serve the same database:
// the app as it is and a copy whose mission card is rewritten to the other kind of links and forms
// (plain <a>/<form> against the router's <Link>/<Form>), so the two differ in nothing else. Their dashboards and
// static pages take turns in one run; the answer is the difference in throughput relative to
// each server's own /about, and in server CPU per render. A profile of the card alone
// (bench/card-render.ts: both versions rendered by React in one process, in turns) says how
// much of that is the card's own work.
//
// Options (environment): BENCH_CARDS_DURATION (s per route and build, all turns together;
// default 24), BENCH_WARMUP (default 3), BENCH_CONNECTIONS (default 20).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SCALE } from "./seed-scale";
import {
  buildProduction,
  cookieOf,
  envNumber,
  fmt,
  measureRoute,
  ms,
  pooled,
  scaleDatabase,
  startServer,
  treeLine,
  waitForQuietMachine,
  type BenchServer,
  type RouteRequest,
  type RouteRun,
} from "./harness";
import { machineLine, writeSection } from "./report";
import { freshCopy } from "./startup";

const COMMAND = "npm run bench -- cards";
const CARD = path.join("app", "features", "missions", "components", "mission-card.tsx");
/** More turns than the other benchmarks: the difference sought is small against this machine's noise. */
const ROUNDS = 6;

const ROUTER_IMPORT = 'import { Form, Link } from "@remix-run/react";\n';

/** The mission card with plain <a> and <form> where it uses the router's <Link> and <Form>. */
export function withPlainAnchors(source: string): string {
  const rewritten = source
    .replace(ROUTER_IMPORT, "")
    .replace(/<Link to=/g, "<a href=")
    .replace(/<\/Link>/g, "</a>")
    .replace(/<Form /g, "<form ")
    .replace(/<\/Form>/g, "</form>");
  if (rewritten === source || /<Link\s|<Form\s|<\/Link>|<\/Form>|from "@remix-run\/react"/.test(rewritten))
    throw new Error(`${CARD} no longer has the shape this benchmark rewrites: update withPlainAnchors`);
  return rewritten;
}

/** The mission card with the router's <Link> and <Form> where it uses plain <a> and <form>. */
export function withRouterLinks(source: string): string {
  const rewritten =
    ROUTER_IMPORT +
    source
      .replace(/<a href=/g, "<Link to=")
      .replace(/<\/a>/g, "</Link>")
      .replace(/<form /g, "<Form ")
      .replace(/<\/form>/g, "</Form>");
  if (!/<Link to=/.test(rewritten) || /<a\s|<\/a>|<form\s|<\/form>/.test(rewritten.replace(/^\/\/.*$/gm, "")))
    throw new Error(`${CARD} no longer has the shape this benchmark rewrites: update withRouterLinks`);
  return rewritten;
}

/** Whether the app's card uses the router's components (then the copy gets plain ones), or the other way round. */
const usesRouterLinks = (source: string) => source.includes(ROUTER_IMPORT);

const HTML = { accept: "text/html,application/xhtml+xml", "accept-language": "en" };

export async function benchCards(): Promise<void> {
  const duration = envNumber("BENCH_CARDS_DURATION", 24);
  const warmup = envNumber("BENCH_WARMUP", 3);
  const connections = envNumber("BENCH_CONNECTIONS", 20);
  console.log("  seeding an embedded PostgreSQL at scale…");
  const database = await scaleDatabase(2_000);
  const copy = freshCopy();
  try {
    const { students, explorers } = database.seed;
    buildProduction();
    // The copy's card is the other version; the pragma keeps React's automatic JSX runtime when
    // bench/card-render.ts imports it from outside the project (where tsconfig does not reach).
    const appSource = fs.readFileSync(CARD, "utf8");
    const appUsesRouter = usesRouterLinks(appSource);
    fs.writeFileSync(path.join(copy, CARD), `/** @jsxRuntime automatic */\n${appUsesRouter ? withPlainAnchors(appSource) : withRouterLinks(appSource)}`);
    buildProduction(copy);

    const variants = [
      { key: "router", label: `\`<Link>\` and \`<Form>\`${appUsesRouter ? " (the app)" : ""}`, cwd: appUsesRouter ? undefined : copy },
      { key: "plain", label: `plain \`<a>\` and \`<form>\`${appUsesRouter ? "" : " (the app)"}`, cwd: appUsesRouter ? copy : undefined },
    ];
    const routes: { key: string; label: string; request: RouteRequest; students?: typeof students }[] = [
      { key: "about", label: "`/about`", request: () => ({ path: "/about", headers: HTML }) },
      {
        key: "dashboard",
        label: "dashboard (default view: 11–17 cards)",
        request: (student) => ({ path: "/dashboard/student/missions", headers: { ...HTML, cookie: cookieOf(student!) } }),
        students,
      },
      {
        key: "all",
        label: `dashboard, all ${SCALE.tracks * SCALE.missionsPerTrack} cards (\`?show=all\`, new students)`,
        request: (student) => ({ path: "/dashboard/student/missions?show=all", headers: { ...HTML, cookie: cookieOf(student!) } }),
        students: explorers,
      },
    ];
    // The card alone, rendered by React (production build) in one process, the two versions in turns.
    console.log("  rendering the two cards in one process…");
    const rendered = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "card-render.ts"), path.join(copy, CARD), "400"], {
        encoding: "utf8",
        env: { ...process.env, NODE_ENV: "production" },
      }),
    ) as Record<"app" | "other", { microsecondsPerCard: number; html: number }>;
    const cardCost = appUsesRouter ? { router: rendered.app, plain: rendered.other } : { router: rendered.other, plain: rendered.app };
    const servers: BenchServer[] = [];
    const runs = new Map<string, RouteRun[]>();
    try {
      for (const variant of variants) servers.push(await startServer(database, { countQueries: false, label: `cards-${variant.key}`, cwd: variant.cwd }));
      for (const [index, server] of servers.entries()) {
        const html = await (await fetch(`${server.base}/dashboard/student/missions`, { headers: { ...HTML, cookie: cookieOf(students[0]!) } })).text();
        if (!html.includes('data-testid="mission-card"')) throw new Error(`the ${variants[index]!.key} build's dashboard shows no mission card`);
      }
      await waitForQuietMachine();
      console.log(`  warming up (${warmup} s per route and build)…`);
      for (const server of servers)
        for (const route of routes) await measureRoute(server, database, "warm-up", { request: route.request, students: route.students, connections, duration: warmup });
      const slice = duration / ROUNDS;
      console.log(`  measuring (${duration} s per route and build in ${ROUNDS} turns of ${fmt(slice, 1)} s)…`);
      for (let round = 0; round < ROUNDS; round++) {
        // The builds take turns first on alternate rounds, so neither always follows the other.
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const index of order) {
          for (const route of routes) {
            const key = `${variants[index]!.key}/${route.key}`;
            const run = await measureRoute(servers[index]!, database, key, { request: route.request, students: route.students, connections, duration: slice });
            runs.set(key, [...(runs.get(key) ?? []), run]);
          }
        }
      }
    } finally {
      for (const server of servers) await server.stop();
    }

    const pooledRun = (variant: string, route: string) => pooled(`${variant}/${route}`, runs.get(`${variant}/${route}`)!);
    const ratioPerTurn = (variant: string, route: string) => runs.get(`${variant}/${route}`)!.map((run, index) => run.rps / runs.get(`${variant}/about`)![index]!.rps);
    const rows: string[] = [];
    const summary: string[] = [];
    for (const route of routes.slice(1)) {
      const figures = variants.map((variant) => {
        const run = pooledRun(variant.key, route.key);
        const about = pooledRun(variant.key, "about");
        return { variant, run, ratio: run.rps / about.rps, perTurn: ratioPerTurn(variant.key, route.key) };
      });
      for (const figure of figures) {
        rows.push(
          `| ${route.label} | ${figure.variant.label} | ${fmt(figure.run.rps)} | **${figure.ratio.toFixed(2)}** | ${figure.perTurn.map((value) => value.toFixed(2)).join(", ")} | ${ms(figure.run.p50)} | ${ms(figure.run.p99)} | ${figure.run.non2xx} / ${figure.run.errors} | ${fmt(figure.run.cpu.server, 2)} | ${fmt(figure.run.cpu.outsideCores, 2)} |`,
        );
      }
      const [router, plain] = figures as [(typeof figures)[number], (typeof figures)[number]];
      const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
      summary.push(
        `| ${route.label} | ${plain.ratio.toFixed(2)} → ${router.ratio.toFixed(2)} (${fmt(((router.ratio - plain.ratio) / plain.ratio) * 100, 1)} %) | ${fmt(plain.run.cpu.server, 2)} → ${fmt(router.run.cpu.server, 2)} ms (${fmt(((router.run.cpu.server - plain.run.cpu.server) / plain.run.cpu.server) * 100, 1)} %) | ${spread(plain.perTurn).toFixed(2)} / ${spread(router.perTurn).toFixed(2)} |`,
      );
    }
    const lines = [
      "## The router's `<Link>`/`<Form>` on the dashboard's mission cards, against plain `<a>`/`<form>`",
      "",
      `Command: \`${COMMAND}\` (part of \`npm run bench\`). Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `Two production builds serve the same scale seed (see the pages section): the app, whose mission card uses ${appUsesRouter ? "`<Link>` and `<Form>`" : "plain `<a href>` and `<form>`"}, and a copy of the tree whose \`${CARD}\` is rewritten to ${appUsesRouter ? "plain `<a href>` and `<form>` (bench/cards.ts, withPlainAnchors" : "the router's `<Link>` and `<Form>` (bench/cards.ts, withRouterLinks"}; nothing else differs). ` +
        `Each build's \`/about\` and dashboards take turns with the other build's, ${ROUNDS} turns of ${fmt(duration / ROUNDS, 1)} s per route and build, ${connections} connections; each dashboard is a share of its own server's \`/about\` in the same turns. ` +
        "Server CPU per render is read from /proc for the server process: the render's cost, whatever the other work on the machine.",
      "",
      "| route | cards | req/s | ÷ `/about` | per turn | p50 | p99 | non-2xx / errors | server CPU ms per render | cores busy with other work (of 2) |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
      "",
      "| route | ÷ `/about`: plain → router (change) | server CPU per render: plain → router (change) | spread of the per-turn ratios: plain / router (the noise) |",
      "| --- | --- | --- | --- |",
      ...summary,
      "",
      `The card alone (bench/card-render.ts: 200 cards — available, in progress, approved, locked — rendered to a string by React's production build inside a data router, the two versions in turns, 400 renders each, CPU time of that process): ` +
        `**${fmt(cardCost.plain.microsecondsPerCard, 1)} µs** per card with plain \`<a>\`/\`<form>\`, **${fmt(cardCost.router.microsecondsPerCard, 1)} µs** with \`<Link>\`/\`<Form>\` ` +
        `(+${fmt(cardCost.router.microsecondsPerCard - cardCost.plain.microsecondsPerCard, 1)} µs a card; ${fmt(cardCost.plain.html / 200)} and ${fmt(cardCost.router.html / 200)} bytes of HTML a card).`,
    ];
    writeSection("cards", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
    await database.close();
  }
}
