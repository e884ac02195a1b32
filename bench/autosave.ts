// `npm run bench -- autosave`: autosave throughput at scale through every request that carries a
// save: the REST PATCH as the mission page sends it (session cookie, same-origin headers), the
// REST PATCH as an API client sends it (bearer token) and the tRPC `progress.save` mutation.
// The three take turns (ROUNDS turns each, in rotation) against one server.
//
// Options (environment): BENCH_AUTOSAVE_DURATION (s per path, all turns together; default 24),
// BENCH_WARMUP (s per path, default 3), BENCH_AUTOSAVE_CONNECTIONS (default 20),
// BENCH_CPU_PROF=<dir>.
import pg from "pg";
import type { BenchProgress, BenchStudent } from "./seed-scale";
import { SCALE } from "./seed-scale";
import {
  bearerOf,
  buildProduction,
  cannon,
  cookieOf,
  cpuPerRequest,
  cpuSnapshot,
  envNumber,
  fmt,
  ms,
  percentile,
  ROUNDS,
  scaleDatabase,
  startServer,
  statementLine,
  treeLine,
  verdict,
  waitForQuietMachine,
  type CannonOptions,
} from "./harness";
import { machineLine, median, writeSection } from "./report";

const COMMAND = "npm run bench -- autosave";

const NOTES =
  "Pulled the proxy logs for the night shift and filtered on the beaconing host. The callbacks come every 60 seconds with a small jitter, " +
  "always to the same domain registered last week. Next: check DNS history and whether any other host talks to it. ";

interface SavePath {
  key: string;
  label: string;
  /** Whether the targets (≥ 1,000 saves/s, p99 < 50 ms) apply. */
  target: boolean;
  request(
    student: BenchStudent,
    record: BenchProgress,
    change: { version: number; subtasks: Record<string, { notes: string; completed: boolean }> },
    origin: string,
  ): { method: string; path: string; headers: Record<string, string>; body: string };
  /** The version an answer reports: the saved one (200), or the current one (409). */
  version(status: number, body: string): number | undefined;
}

type Answer = {
  version?: number;
  error?: { details?: { current?: { version?: number } }; data?: { details?: { current?: { version?: number } } } };
  result?: { data?: { version?: number } };
};
const restVersion = (status: number, body: string) => {
  const answer = JSON.parse(body) as Answer;
  return status === 200 ? answer.version : answer.error?.details?.current?.version;
};

const PATHS: SavePath[] = [
  {
    key: "page",
    label: "REST `PATCH /api/v1/mission-progress/{id}` as the mission page's autosave sends it: session cookie, `Origin`, `Sec-Fetch-Site: same-origin`, JSON",
    target: true,
    request: (student, record, change, origin) => ({
      method: "PATCH",
      path: `/api/v1/mission-progress/${record.id}`,
      headers: { cookie: cookieOf(student), origin, "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(change),
    }),
    version: restVersion,
  },
  {
    key: "rest",
    label: "REST `PATCH /api/v1/mission-progress/{id}` as an API client sends it: `Authorization: Bearer`, JSON",
    target: true,
    request: (student, record, change) => ({
      method: "PATCH",
      path: `/api/v1/mission-progress/${record.id}`,
      headers: { authorization: bearerOf(student), "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(change),
    }),
    version: restVersion,
  },
  {
    key: "trpc",
    label: "tRPC `progress.save` (`POST /api/trpc/progress.save`, session cookie, `Origin`, JSON)",
    target: true,
    request: (student, record, change, origin) => ({
      method: "POST",
      path: "/api/trpc/progress.save",
      headers: { cookie: cookieOf(student), origin, "sec-fetch-site": "same-origin", "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ progressId: record.id, ...change }),
    }),
    version: (status, body) => {
      const answer = JSON.parse(body) as Answer;
      return status === 200 ? answer.result?.data?.version : (answer.error?.data?.details?.current?.version ?? answer.error?.details?.current?.version);
    },
  },
];

interface Turn {
  ok: number;
  conflicts: number;
  other: number;
  errors: number;
  duration: number;
  perSecond: number[];
  responseTimes: number[];
  cpu: ReturnType<typeof cpuPerRequest>;
  responses: number;
  versionsWritten: number;
}

export async function benchAutosave(): Promise<void> {
  const duration = envNumber("BENCH_AUTOSAVE_DURATION", 24);
  const warmup = envNumber("BENCH_WARMUP", 3);
  const connections = envNumber("BENCH_AUTOSAVE_CONNECTIONS", 20);
  console.log("  seeding an embedded PostgreSQL at scale…");
  const database = await scaleDatabase(Math.max(connections + 1, 200));
  try {
    console.log(`  seeded in ${database.seedSeconds.toFixed(1)} s`);
    buildProduction();
    // Each connection is one student and owns that student's IN_PROGRESS records: it cycles
    // through them, always sending the version the previous save of that record returned.
    const owners = database.seed.students.slice(0, connections);
    if (owners.length < connections || owners.some((owner) => owner.inProgress.length === 0)) throw new Error("not enough students with IN_PROGRESS records");
    const slots = owners.map((owner) => ({ owner, records: owner.inProgress.map((record) => ({ ...record })), turn: 0, current: undefined as BenchProgress | undefined }));
    const recordIds = slots.flatMap((slot) => slot.records.map((record) => record.id));
    const nextChange = (slot: (typeof slots)[number]) => {
      const record = slot.records[slot.turn % slot.records.length]!;
      const subtaskId = record.subtaskIds[Math.floor(slot.turn / slot.records.length) % record.subtaskIds.length]!;
      slot.turn += 1;
      slot.current = record;
      return { record, change: { version: record.version, subtasks: { [subtaskId]: { notes: `${NOTES}(edit ${slot.turn})`, completed: slot.turn % 4 === 0 } } } };
    };

    // SQL statements per save, one save at a time, by a student the load does not use.
    const counting = await startServer(database, { countQueries: true, label: "autosave-count" });
    const perSave = new Map<string, { counts: number[]; statements: string[] }>();
    try {
      const student = database.seed.students[connections]!;
      const record = { ...student.inProgress[0]! };
      for (const path of PATHS) {
        const counts: number[] = [];
        let statements: string[] = [];
        for (let i = 0; i < 6; i++) {
          await fetch(`${counting.base}/__bench/queries/reset`, { method: "POST" });
          const change = { version: record.version, subtasks: { [record.subtaskIds[0]!]: { notes: `${NOTES}(${path.key} ${i})`, completed: false } } };
          const { method, path: target, headers, body } = path.request(student, record, change, counting.base);
          const response = await fetch(`${counting.base}${target}`, { method, headers, body });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`a ${path.key} save answered ${response.status}: ${text}`);
          record.version = path.version(200, text)!;
          const answer = (await (await fetch(`${counting.base}/__bench/queries`)).json()) as { count: number; statements: string[] };
          if (i > 0) counts.push(answer.count); // the first save of a session may also touch it
          statements = answer.statements;
        }
        perSave.set(path.key, { counts, statements });
      }
    } finally {
      await counting.stop();
    }

    const server = await startServer(database, { countQueries: false, label: "autosave", cpuProfDir: process.env.BENCH_CPU_PROF });
    const db = new pg.Client({ connectionString: database.embedded.url });
    await db.connect();
    const turns = new Map<string, Turn[]>(PATHS.map((path) => [path.key, []]));
    try {
      // Saves still in flight when a run stopped were applied but never answered: like a page
      // that reloads, the connections pick up the current versions before the next run.
      const resync = async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const current = await db.query<{ id: string; version: number }>(`SELECT "id", "version" FROM "MissionProgress" WHERE "id" = ANY($1::text[])`, [recordIds]);
        const versions = new Map(current.rows.map((row) => [row.id, row.version]));
        for (const slot of slots) for (const record of slot.records) record.version = versions.get(record.id)!;
        return current.rows.reduce((sum, row) => sum + row.version, 0);
      };
      const run = async (path: SavePath, seconds: number, measuring: boolean): Promise<Turn> => {
        const tally = { ok: 0, conflicts: 0, other: 0, startedAt: 0, perSecond: [] as number[] };
        let nextSlot = 0;
        const options: CannonOptions = {
          url: server.base,
          connections,
          duration: seconds,
          // autocannon resets a connection's context after every request: the per-connection state
          // (its student, records and versions) lives in `slots`, the context only says which slot.
          setupClient: (client) => {
            client.requestIterator.initialContext = { slot: nextSlot++ % slots.length };
            client.requestIterator.resetContext();
            client.requestIterator.rebuildRequest();
          },
          requests: [
            {
              setupRequest: (request, context) => {
                if (typeof context.slot !== "number") return request;
                const slot = slots[context.slot]!;
                const { record, change } = nextChange(slot);
                return { ...request, ...path.request(slot.owner, record, change, server.base) };
              },
              onResponse: (status, body, context) => {
                const record = slots[context.slot as number]?.current;
                if (!record) return;
                const version = status === 200 || status === 409 ? path.version(status, body) : undefined;
                if (typeof version === "number") record.version = version;
                if (status === 200) {
                  tally.ok += 1;
                  const second = Math.floor((performance.now() - tally.startedAt) / 1000);
                  tally.perSecond[second] = (tally.perSecond[second] ?? 0) + 1;
                } else if (status === 409) tally.conflicts += 1;
                else tally.other += 1;
              },
            },
          ],
        };
        const versionsBefore = await resync();
        if (measuring) await waitForQuietMachine(30);
        tally.startedAt = performance.now();
        const before = cpuSnapshot(server.child, database.dataDir);
        const result = await cannon(options);
        const after = cpuSnapshot(server.child, database.dataDir);
        const versionsAfter = await resync();
        const responses = result.latency.totalCount;
        return {
          ok: tally.ok,
          conflicts: tally.conflicts,
          other: tally.other,
          errors: result.errors + result.timeouts,
          duration: result.duration,
          // Saves per whole second of the run (the last, partial second is left out).
          perSecond: Array.from({ length: Math.floor(result.duration) }, (_, index) => tally.perSecond[index] ?? 0),
          responseTimes: result.responseTimes,
          cpu: cpuPerRequest(before, after, responses),
          responses,
          versionsWritten: versionsAfter - versionsBefore,
        };
      };

      await waitForQuietMachine();
      console.log(`  warming up (${warmup} s per path)…`);
      for (const path of PATHS) await run(path, warmup, false);
      const slice = duration / ROUNDS;
      console.log(`  measuring (${duration} s per path in ${ROUNDS} turns of ${fmt(slice, 1)} s, ${connections} connections)…`);
      for (let round = 0; round < ROUNDS; round++) {
        for (const path of PATHS) {
          const turn = await run(path, slice, true);
          turns.get(path.key)!.push(turn);
          console.log(
            `  turn ${round + 1}, ${path.key}: ${fmt(turn.ok / turn.duration)} saves/s, p99 ${ms(percentile(turn.responseTimes, 99))}, ${turn.conflicts} conflicts, ${turn.other + turn.errors} failures`,
          );
        }
      }
    } finally {
      await db.end().catch(() => {});
      await server.stop();
    }

    const results = PATHS.map((path) => {
      const pathTurns = turns.get(path.key)!;
      const seconds = pathTurns.reduce((sum, turn) => sum + turn.duration, 0);
      const ok = pathTurns.reduce((sum, turn) => sum + turn.ok, 0);
      const conflicts = pathTurns.reduce((sum, turn) => sum + turn.conflicts, 0);
      const failures = pathTurns.reduce((sum, turn) => sum + turn.other + turn.errors, 0);
      const written = pathTurns.reduce((sum, turn) => sum + turn.versionsWritten, 0);
      const times = pathTurns.flatMap((turn) => turn.responseTimes);
      const perSecond = pathTurns.flatMap((turn) => turn.perSecond);
      const responses = pathTurns.reduce((sum, turn) => sum + turn.responses, 0);
      const cpu = (key: "server" | "postgres" | "bench") => pathTurns.reduce((sum, turn) => sum + turn.cpu[key] * turn.responses, 0) / Math.max(responses, 1);
      const outside = pathTurns.reduce((sum, turn) => sum + turn.cpu.outsideCores * turn.duration, 0) / Math.max(seconds, 1e-9);
      const savesPerSecond = ok / seconds;
      const p99 = percentile(times, 99);
      const real = conflicts === 0 && failures === 0 && written >= ok;
      return {
        path,
        savesPerSecond,
        perTurn: pathTurns.map((turn) => turn.ok / turn.duration),
        ok,
        conflicts,
        failures,
        written,
        p50: percentile(times, 50),
        p90: percentile(times, 90),
        p99,
        max: percentile(times, 100),
        perSecond,
        cpu: { server: cpu("server"), postgres: cpu("postgres"), bench: cpu("bench"), outside },
        statements: perSave.get(path.key)!,
        pass: savesPerSecond >= 1000 && p99 < 50 && real,
      };
    });

    const lines = [
      "## Autosave at scale, through every request that carries a save",
      "",
      `Command: \`${COMMAND}\` (part of \`npm run bench\`). It builds the app for production first and measures that build.`,
      `Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `Data: the same scale seed as the pages (${fmt(database.seed.rows.MissionProgress!)} progress records, ${fmt(SCALE.students)} students, seeded in ${database.seedSeconds.toFixed(1)} s). ` +
        `Server: the production build in a child process (bench/serve.ts, no job worker, request log at info level to a file), embedded PostgreSQL 18 with fsync on (every save is a committed transaction).`,
      `Load: autocannon in the bench process, ${connections} keep-alive connections; ${warmup} s warm-up per path, then ${duration} s per path in ${ROUNDS} turns of ${fmt(duration / ROUNDS, 1)} s, the paths' turns in rotation. ` +
        `Each connection is one signed-in student and owns that student's IN_PROGRESS records (${Math.min(...owners.map((owner) => owner.inProgress.length))}–${Math.max(...owners.map((owner) => owner.inProgress.length))} each, ${fmt(recordIds.length)} in all); ` +
        `it saves them in turn, one subtask's notes (≈ ${NOTES.length} characters) and completed flag per save, always with the version the previous save returned (between turns the versions are read back from the database). Only 200 answers count as saves.`,
      "",
      "| path | saves/s (200s ÷ duration) | per turn | saves | p50 | p90 | p99 | max | 409 / other failures | versions written in the database | lowest / median second | SQL statements per save | CPU ms per save: server / PostgreSQL / load generator | cores busy with other work (of 2) | ≥ 1,000/s, p99 < 50 ms, no failures |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...results.map(
        (result) =>
          `| ${result.path.label} | ${fmt(result.savesPerSecond)} | ${result.perTurn.map((value) => fmt(value)).join(", ")} | ${fmt(result.ok)} | ${ms(result.p50)} | ${ms(result.p90)} | ${ms(result.p99)} | ${ms(result.max)} | ${result.conflicts} / ${result.failures} | ${fmt(result.written)} | ${fmt(Math.min(...result.perSecond))} / ${fmt(median(result.perSecond))} | ${[...new Set(result.statements.counts)].join(", ")} | ${fmt(result.cpu.server, 2)} / ${fmt(result.cpu.postgres, 2)} / ${fmt(result.cpu.bench, 2)} | ${fmt(result.cpu.outside, 2)} | ${verdict(result.pass)} |`,
      ),
      "",
      ...results.flatMap((result) => [
        `The statements of one save, ${result.path.key} path:`,
        "",
        ...result.statements.statements.map((statement, index) => `${index + 1}. ${statementLine(statement)}`),
        "",
      ]),
      "| target | measured | result |",
      "| --- | --- | --- |",
      ...results.map(
        (result) =>
          `| ${result.path.key}: ≥ 1,000 saves/s sustained, p99 < 50 ms, every save real (no 409s, no failures, a version written for each) | ${fmt(result.savesPerSecond)} saves/s (slowest second ${fmt(Math.min(...result.perSecond))}), p99 ${ms(result.p99)}, ${result.conflicts} conflicts, ${result.failures} failures, ${fmt(result.written)} versions for ${fmt(result.ok)} saves | ${verdict(result.pass)} |`,
      ),
    ];
    writeSection("autosave", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await database.close();
  }
}
