import { studentRoutes } from "./pages";
import { buildProduction, countStatements, envNumber, measureRoute, pooled, ROUNDS, scaleDatabase, startServer, type BenchServer, type RouteRun } from "./harness";

const keys = (process.env.KEYS ?? "about,mission-working,rest-mission,rest-progress").split(",");
const duration = envNumber("BENCH_DURATION", 9);
const database = await scaleDatabase(2_000);
try {
  buildProduction();
  const routes = studentRoutes(database.seed.students, database.seed.explorers).filter((r) => keys.includes(r.key));
  const variants = [
    { key: "old", cwd: "/tmp/perf-old" },
    { key: "new", cwd: undefined },
  ];
  for (const variant of variants) {
    const counting = await startServer(database, { countQueries: true, label: `count-${variant.key}`, cwd: variant.cwd });
    try {
      for (const route of routes) {
        const c = await countStatements(counting, route.request, route.students?.[0]);
        console.log(`${variant.key} ${route.key}: statements ${c.counts.join(",")} bytes ${c.body.length}`);
      }
    } finally {
      await counting.stop();
    }
  }
  const servers: BenchServer[] = [];
  for (const variant of variants) servers.push(await startServer(database, { countQueries: false, label: `cmp-${variant.key}`, cwd: variant.cwd }));
  const runs = new Map<string, RouteRun[]>();
  try {
    for (const [i, server] of servers.entries())
      for (const route of routes) await measureRoute(server, database, "w", { request: route.request, students: route.students, connections: 20, duration: 2 });
    for (let round = 0; round < ROUNDS; round++) {
      for (const i of round % 2 ? [1, 0] : [0, 1]) {
        for (const route of routes) {
          const key = `${variants[i]!.key}/${route.key}`;
          runs.set(key, [
            ...(runs.get(key) ?? []),
            await measureRoute(servers[i]!, database, key, { request: route.request, students: route.students, connections: 20, duration: duration / ROUNDS }),
          ]);
        }
      }
    }
  } finally {
    for (const s of servers) await s.stop();
  }
  for (const variant of variants) {
    const about = pooled("about", runs.get(`${variant.key}/about`)!);
    for (const route of routes) {
      const run = pooled(route.key, runs.get(`${variant.key}/${route.key}`)!);
      const perTurn = runs.get(`${variant.key}/${route.key}`)!.map((r, i) => (r.rps / runs.get(`${variant.key}/about`)![i]!.rps).toFixed(2));
      console.log(
        `${variant.key} ${route.key}: ${run.rps.toFixed(0)} req/s, ratio ${(run.rps / about.rps).toFixed(2)} [${perTurn.join(", ")}], p50 ${run.p50.toFixed(0)} ms, server CPU ${run.cpu.server.toFixed(2)} ms, pg ${run.cpu.postgres.toFixed(2)} ms, non2xx ${run.non2xx}, outside ${run.cpu.outsideCores.toFixed(2)}`,
      );
    }
  }
} finally {
  await database.close();
}
