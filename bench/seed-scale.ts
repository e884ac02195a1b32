// Seeds an empty, migrated database at the scale of issue 3, with set-based SQL so that it takes
// seconds: 20 tracks × 10 missions (200 published missions, 5 subtasks, 3 rubric criteria and 2–3
// skills each, a few prerequisites), 10,000 students (one argon2 hash shared by all; FREE,
// STARTER and PREMIUM through Subscription rows), 1–2 track enrolments each, 5 mission progress
// records each (50,000; mostly IN_PROGRESS, some APPROVED, notes in every subtask), this month's
// mission starts for a third of them, and sessions for the students the benchmark signs in as.
//
// For the mission pages: a quarter of the students have submitted one mission (an attempt with
// its snapshot and a pending AI review), every record of positions j = 1..3 has two evidence
// files, and each signed-in student has a dozen notifications (three unread).
//
// Besides the 10,000, `explorers` newly signed-up students have no enrolment and no progress yet:
// their dashboard lists every track, i.e. all 200 missions (the "does it grow" measurement).
//
// Ids are readable text: tracks t1..t20, missions m1..m200 (m = (track − 1) × 10 + position),
// subtasks s<m>-<k>, users u1..u<n>, progress p<user>-<j>.
import pg from "pg";
import { hashPassword } from "~/features/accounts/password.server";
import { hashToken, newSessionToken, SESSION_ABSOLUTE_MS } from "~/features/accounts/session.server";

export const SCALE = { tracks: 20, missionsPerTrack: 10, subtasksPerMission: 5, students: 10_000, progressPerStudent: 5 } as const;

/** Every seeded student's password. */
export const SCALE_PASSWORD = "mxp-bench-password";

export interface BenchProgress {
  id: string;
  missionId: string;
  missionSlug: string;
  version: number;
  subtaskIds: string[];
}

export interface BenchStudent {
  userId: string;
  /** The session token: cookie `mxp_session=<token>` or `Authorization: Bearer <token>`. */
  token: string;
  enrolledTracks: number;
  /** Visible on the dashboard without a filter: missions of the enrolled tracks (all 200 when none). */
  visibleMissions: number;
  /** The student's IN_PROGRESS records (editable: autosave targets). */
  inProgress: BenchProgress[];
  /** The student's SUBMITTED records (an attempt waiting for its review). */
  submitted: BenchProgress[];
  /** The slug of a mission of the student's first track they have not started (null: none). */
  notStarted: string | null;
}

export interface ScaleSeed {
  /** Signed-in students among the 10,000 (1–2 tracks, 10–20 missions on their dashboard). */
  students: BenchStudent[];
  /** Signed-in new students without enrolment (all 200 missions on their dashboard). */
  explorers: BenchStudent[];
  rows: Record<string, number>;
  ms: number;
}

/**
 * `sessions`: how many of the 10,000 students get a session (the first ones; every other one is
 * enrolled in two tracks). Session ids are HMACs keyed by SESSION_SECRET: this process's
 * `process.env.SESSION_SECRET` must be the server's.
 */
export async function seedScale(connectionString: string, options: { sessions: number; explorers?: number }): Promise<ScaleSeed> {
  const started = performance.now();
  const explorers = options.explorers ?? 50;
  const students = SCALE.students;
  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("BEGIN");
    const run = (sql: string, values: unknown[] = []) => client.query(sql, values);

    await run(`INSERT INTO "Skill" ("id", "key", "name", "category", "description")
      SELECT 'sk' || i, 'bench-skill-' || i, 'Skill ' || i,
        (ARRAY['Detection', 'Forensics', 'Web security', 'Cloud security', 'Networking'])[1 + i % 5],
        'A bench skill exercised by several missions.'
      FROM generate_series(1, 40) AS i`);

    await run(
      `INSERT INTO "Track" ("id", "slug", "title", "summary", "description", "position", "published", "updatedAt")
      SELECT 't' || t, 'bench-track-' || t,
        (ARRAY['Defender Ops', 'Web Breaker', 'Cloud Lockdown', 'Incident Response', 'Threat Hunting'])[1 + t % 5] || ' ' || t,
        'Ten missions of a realistic engagement, from first triage to a capstone report.',
        repeat('A track of missions that build on each other. ', 8),
        t, true, now()
      FROM generate_series(1, $1::int) AS t`,
      [SCALE.tracks],
    );

    // Difficulty climbs with the position (2 missions per level), tiers too; position 10 is the capstone.
    await run(
      `INSERT INTO "Mission" ("id", "slug", "trackId", "position", "title", "summary", "story", "objectives", "successCriteria",
        "difficulty", "tierRequired", "isCapstone", "estimatedMinutes", "passThreshold", "published", "updatedAt")
      SELECT 'm' || ((t - 1) * 10 + p), 'bench-track-' || t || '-mission-' || p, 't' || t, p,
        'Mission ' || p || ' of track ' || t || ': ' || (ARRAY['Triage the alert', 'Follow the beacon', 'Pivot through the logs', 'Contain the host', 'Write it up'])[1 + (t + p) % 5],
        'Work through a realistic scenario and collect the evidence a security team would ask for before you report.',
        repeat('The night shift noticed something odd in the proxy logs. Find out what happened, and how far it went. ', 12),
        ARRAY['Find the first sign of compromise', 'Scope the affected hosts', 'Recommend containment'],
        ARRAY['Timeline is complete', 'Evidence supports every claim', 'Recommendations are actionable'],
        (ARRAY['NOVICE', 'BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'ELITE'])[(p + 1) / 2]::"Difficulty",
        (CASE WHEN p <= 4 THEN 'FREE' WHEN p <= 7 THEN 'STARTER' ELSE 'PREMIUM' END)::"Tier",
        p = 10, 30 + p * 15, 70, true, now()
      FROM generate_series(1, $1::int) AS t, generate_series(1, $2::int) AS p`,
      [SCALE.tracks, SCALE.missionsPerTrack],
    );

    await run(
      `INSERT INTO "Subtask" ("id", "missionId", "position", "title", "instructions", "evidenceRequired", "evidenceKinds")
      SELECT 's' || m || '-' || k, 'm' || m, k, 'Step ' || k || ' of mission ' || m,
        repeat('Do the work of this step and keep notes of what you found. ', 4),
        k = 5, CASE WHEN k = 5 THEN ARRAY['report'] ELSE ARRAY['screenshot', 'log'] END
      FROM generate_series(1, $1::int) AS m, generate_series(1, $2::int) AS k`,
      [SCALE.tracks * SCALE.missionsPerTrack, SCALE.subtasksPerMission],
    );

    await run(
      `INSERT INTO "RubricCriterion" ("id", "missionId", "key", "position", "title", "description", "weight", "maxScore", "levels")
      SELECT 'r' || m || '-' || k, 'm' || m, 'criterion-' || k, k, 'Criterion ' || k, 'What a strong answer shows for this criterion.',
        (ARRAY[0.5, 0.3, 0.2])[k], 4,
        '[{"score":0,"label":"Missing","description":"Not attempted"},{"score":2,"label":"Partial","description":"Some evidence"},{"score":4,"label":"Strong","description":"Complete and supported"}]'::jsonb
      FROM generate_series(1, $1::int) AS m, generate_series(1, 3) AS k`,
      [SCALE.tracks * SCALE.missionsPerTrack],
    );

    // 2 skills per mission, 3 on even-numbered missions; consecutive skill numbers, so distinct.
    await run(
      `INSERT INTO "MissionSkill" ("missionId", "skillId", "weight")
      SELECT 'm' || m, 'sk' || (1 + (m * 3 + j) % 40), (ARRAY[0.5, 0.3, 0.2])[j + 1]
      FROM generate_series(1, $1::int) AS m, generate_series(0, 2) AS j
      WHERE j < 2 OR m % 2 = 0`,
      [SCALE.tracks * SCALE.missionsPerTrack],
    );

    // A few prerequisites: positions 6 and 10 (the capstone) need the mission before them.
    await run(
      `INSERT INTO "MissionPrerequisite" ("missionId", "requiredMissionId")
      SELECT 'm' || ((t - 1) * 10 + p), 'm' || ((t - 1) * 10 + p - 1)
      FROM generate_series(1, $1::int) AS t, unnest(ARRAY[6, 10]) AS p`,
      [SCALE.tracks],
    );

    // Students: a fifth have not taken the profiler yet.
    await run(
      `INSERT INTO "User" ("id", "email", "handle", "name", "passwordHash", "role", "profilerScore", "onboardedAt", "createdAt", "updatedAt")
      SELECT 'u' || n, 'student' || n || '@bench.mxp.local', 'student' || n, 'Student ' || n, $2, 'STUDENT',
        CASE WHEN n % 5 = 0 THEN NULL ELSE (n * 37) % 101 END,
        CASE WHEN n % 5 = 0 THEN NULL ELSE now() - interval '60 days' END,
        now() - interval '90 days', now()
      FROM generate_series(1, $1::int) AS n`,
      [students + explorers, passwordHash],
    );

    // Tiers: 50 % no subscription (FREE), 10 % a cancelled FREE one, 20 % STARTER, 20 % PREMIUM.
    await run(
      `INSERT INTO "Subscription" ("id", "userId", "tier", "status", "stripeCustomerId", "stripeSubscriptionId", "currentPeriodEnd", "updatedAt")
      SELECT 'sub' || n, 'u' || n,
        (CASE WHEN n % 10 IN (6, 7) THEN 'STARTER' WHEN n % 10 IN (8, 9) THEN 'PREMIUM' ELSE 'FREE' END)::"Tier",
        CASE WHEN n % 10 = 5 THEN 'canceled' ELSE 'active' END,
        'cus_bench_' || n, 'sub_bench_' || n, now() + interval '20 days', now()
      FROM generate_series(1, $1::int) AS n
      WHERE n % 10 >= 5`,
      [students + explorers],
    );

    // Enrolment: track 1 + (n − 1) % 20 for everyone, plus the track 7 further on for even n.
    await run(
      `INSERT INTO "TrackEnrollment" ("userId", "trackId", "createdAt")
      SELECT 'u' || n, 't' || (1 + (n - 1) % 20), now() - interval '60 days' FROM generate_series(1, $1::int) AS n
      UNION ALL
      SELECT 'u' || n, 't' || (1 + (n - 1 + 7) % 20), now() - interval '30 days' FROM generate_series(2, $1::int, 2) AS n`,
      [students],
    );

    // Progress: j = 0..2 in the first track, j = 3..4 in the second one when there is one; the
    // positions (n + j) % 10 + 1 are distinct within a track. j = 0 is APPROVED for a third.
    await run(
      `INSERT INTO "MissionProgress" ("id", "userId", "missionId", "status", "version", "subtaskState", "currentAttempt",
        "startedAt", "updatedAt", "submittedAt", "approvedAt")
      SELECT 'p' || n || '-' || j, 'u' || n, 'm' || mission, status::"ProgressStatus", 1 + (n + j) % 7,
        (SELECT jsonb_object_agg('s' || mission || '-' || k, jsonb_build_object(
            'notes', 'Step ' || k || ': ' || repeat('checked the proxy logs, noted the beacon interval and the host. ', 1 + (n + j + k) % 4),
            'completed', status = 'APPROVED' OR k <= (n + j) % 5,
            'updatedAt', to_char(now() - ((n + j) % 30) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
          FROM generate_series(1, 5) AS k),
        CASE WHEN status = 'APPROVED' THEN 1 ELSE 0 END,
        now() - ((n + j) % 60 + 1) * interval '1 day', now() - ((n + j) % 30) * interval '1 day',
        CASE WHEN status = 'APPROVED' THEN now() - interval '2 days' END,
        CASE WHEN status = 'APPROVED' THEN now() - interval '1 day' END
      FROM (
        SELECT n, j,
          ((CASE WHEN n % 2 = 0 AND j >= 3 THEN (n - 1 + 7) % 20 ELSE (n - 1) % 20 END) * 10 + (n + j) % 10 + 1) AS mission,
          CASE WHEN j = 0 AND n % 3 = 0 THEN 'APPROVED' ELSE 'IN_PROGRESS' END AS status
        FROM generate_series(1, $1::int) AS n, generate_series(0, $2::int - 1) AS j
      ) AS rows`,
      [students, SCALE.progressPerStudent],
    );

    // A quarter have submitted their second mission: the attempt froze their notes and files.
    await run(
      `UPDATE "MissionProgress" SET "status" = 'SUBMITTED', "currentAttempt" = 1, "submittedAt" = now() - interval '1 hour'
      WHERE "id" IN (SELECT 'p' || n || '-1' FROM generate_series(1, $1::int) AS n WHERE n % 4 = 1)`,
      [students],
    );

    // Evidence: a screenshot on the first step and a report on the last, for positions j = 1..3.
    await run(`INSERT INTO "EvidenceFile" ("id", "progressId", "subtaskId", "ownerId", "originalName", "storageKey", "contentType", "sizeBytes", "sha256", "lockedAt", "createdAt")
      SELECT 'f' || p."id" || '-' || k, p."id", 's' || substr(p."missionId", 2) || '-' || k, p."userId",
        CASE WHEN k = 1 THEN 'proxy-log-filter.png' ELSE 'incident-report.pdf' END, 'bench/' || p."id" || '-' || k,
        CASE WHEN k = 1 THEN 'image/png' ELSE 'application/pdf' END, 40000 + k * 1000, repeat('0', 64),
        CASE WHEN p."status" = 'SUBMITTED' THEN p."submittedAt" END, p."startedAt" + k * interval '1 hour'
      FROM "MissionProgress" p, unnest(ARRAY[1, 5]) AS k
      WHERE substr(p."id", length(p."id")) IN ('1', '2', '3')`);

    await run(`INSERT INTO "Submission" ("id", "progressId", "attempt", "reflection", "snapshot", "createdAt")
      SELECT 'sub-' || p."id", p."id", 1, repeat('I followed the beacon from the proxy logs to the host and contained it. ', 4),
        jsonb_build_object('missionTitle', m."title", 'subtasks', p."subtaskState", 'reflection', 'I followed the beacon.', 'version', p."version",
          'files', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f."id", 'subtaskId', f."subtaskId", 'originalName', f."originalName", 'contentType', f."contentType",
            'sizeBytes', f."sizeBytes", 'createdAt', to_char(f."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) FROM "EvidenceFile" f WHERE f."progressId" = p."id"), '[]'::jsonb)),
        p."submittedAt"
      FROM "MissionProgress" p JOIN "Mission" m ON m."id" = p."missionId" WHERE p."status" = 'SUBMITTED'`);
    await run(`INSERT INTO "AiReview" ("id", "submissionId", "status", "createdAt") SELECT 'air-' || s."id", s."id", 'PENDING', s."createdAt" FROM "Submission" s`);

    // A third started their last mission this month (it counts against their quota).
    await run(
      `INSERT INTO "MissionStart" ("userId", "missionId", "month", "createdAt")
      SELECT p."userId", p."missionId", to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM'), now()
      FROM "MissionProgress" p
      WHERE p."id" IN (SELECT 'p' || n || '-4' FROM generate_series(1, $1::int) AS n WHERE n % 3 = 1)`,
      [students],
    );

    // Sessions for the benchmark's students, created as createSession() does (id = HMAC of token).
    const sessionUsers = [
      ...Array.from({ length: Math.min(options.sessions, students) }, (_, i) => `u${i + 1}`),
      ...Array.from({ length: explorers }, (_, i) => `u${students + i + 1}`),
    ];
    const tokens = sessionUsers.map(() => newSessionToken());
    await run(
      `INSERT INTO "Session" ("id", "userId", "createdAt", "lastSeenAt", "expiresAt", "userAgent", "ipAddress")
      SELECT s.id, s."userId", now(), now(), now() + $3::float8 * interval '1 millisecond', 'mxp-bench', '127.0.0.1'
      FROM unnest($1::text[], $2::text[]) AS s(id, "userId")`,
      [tokens.map((token) => hashToken(token)), sessionUsers, SESSION_ABSOLUTE_MS],
    );
    await run(
      `INSERT INTO "Notification" ("id", "userId", "kind", "title", "body", "link", "readAt", "createdAt")
      SELECT 'n' || u || '-' || k, u, 'review_ready', 'Your review is ready: mission ' || k,
        'The AI reviewer scored your attempt. Open the mission to read the feedback for each criterion.', '/dashboard/student/missions',
        CASE WHEN k > 3 THEN now() - k * interval '1 hour' END, now() - k * interval '1 day'
      FROM unnest($1::text[]) AS u, generate_series(1, 12) AS k`,
      [sessionUsers],
    );
    await run("COMMIT");
    await run("ANALYZE");

    const counts = await client.query<{ table: string; rows: string }>(`
      SELECT 'Track' AS table, count(*) AS rows FROM "Track" UNION ALL SELECT 'Mission', count(*) FROM "Mission"
      UNION ALL SELECT 'Subtask', count(*) FROM "Subtask" UNION ALL SELECT 'MissionSkill', count(*) FROM "MissionSkill"
      UNION ALL SELECT 'MissionPrerequisite', count(*) FROM "MissionPrerequisite" UNION ALL SELECT 'User', count(*) FROM "User"
      UNION ALL SELECT 'Subscription', count(*) FROM "Subscription" UNION ALL SELECT 'TrackEnrollment', count(*) FROM "TrackEnrollment"
      UNION ALL SELECT 'MissionProgress', count(*) FROM "MissionProgress" UNION ALL SELECT 'MissionStart', count(*) FROM "MissionStart"
      UNION ALL SELECT 'Session', count(*) FROM "Session" UNION ALL SELECT 'Submission', count(*) FROM "Submission"
      UNION ALL SELECT 'EvidenceFile', count(*) FROM "EvidenceFile" UNION ALL SELECT 'Notification', count(*) FROM "Notification"`);
    const rows = Object.fromEntries(counts.rows.map((row) => [row.table, Number(row.rows)]));

    const progress = await client.query<{ userId: string; id: string; missionId: string; missionSlug: string; status: string; version: number; subtaskIds: string[] }>(
      `SELECT p."userId", p."id", p."missionId", m."slug" AS "missionSlug", p."status"::text AS "status", p."version",
        (SELECT array_agg(s."id" ORDER BY s."position") FROM "Subtask" s WHERE s."missionId" = p."missionId") AS "subtaskIds"
      FROM "MissionProgress" p JOIN "Mission" m ON m."id" = p."missionId"
      WHERE p."userId" = ANY($1::text[]) AND p."status" IN ('IN_PROGRESS', 'SUBMITTED') ORDER BY p."id"`,
      [sessionUsers],
    );
    // The first mission of the student's first track (all tracks' for new students) they have not started.
    const fresh = await client.query<{ userId: string; slug: string | null }>(
      `SELECT u."id" AS "userId", (SELECT m."slug" FROM "Mission" m
          WHERE (m."trackId" = (SELECT e."trackId" FROM "TrackEnrollment" e WHERE e."userId" = u."id" ORDER BY e."createdAt" LIMIT 1)
              OR NOT EXISTS (SELECT 1 FROM "TrackEnrollment" e WHERE e."userId" = u."id"))
            AND NOT EXISTS (SELECT 1 FROM "MissionProgress" p WHERE p."userId" = u."id" AND p."missionId" = m."id")
          ORDER BY m."trackId", m."position" LIMIT 1) AS "slug"
      FROM "User" u WHERE u."id" = ANY($1::text[])`,
      [sessionUsers],
    );
    const freshByUser = new Map(fresh.rows.map((row) => [row.userId, row.slug]));
    const enrolments = await client.query<{ userId: string; tracks: string }>(
      `SELECT u."id" AS "userId", (SELECT count(*) FROM "TrackEnrollment" e WHERE e."userId" = u."id") AS tracks FROM "User" u WHERE u."id" = ANY($1::text[])`,
      [sessionUsers],
    );
    const tracksByUser = new Map(enrolments.rows.map((row) => [row.userId, Number(row.tracks)]));
    const progressByUser = new Map<string, BenchProgress[]>();
    const submittedByUser = new Map<string, BenchProgress[]>();
    for (const row of progress.rows) {
      const byUser = row.status === "SUBMITTED" ? submittedByUser : progressByUser;
      const list = byUser.get(row.userId) ?? [];
      list.push({ id: row.id, missionId: row.missionId, missionSlug: row.missionSlug, version: row.version, subtaskIds: row.subtaskIds });
      byUser.set(row.userId, list);
    }
    const benchStudents: BenchStudent[] = sessionUsers.map((userId, index) => {
      const enrolledTracks = tracksByUser.get(userId) ?? 0;
      return {
        userId,
        token: tokens[index]!,
        enrolledTracks,
        visibleMissions: (enrolledTracks || SCALE.tracks) * SCALE.missionsPerTrack,
        inProgress: progressByUser.get(userId) ?? [],
        submitted: submittedByUser.get(userId) ?? [],
        notStarted: freshByUser.get(userId) ?? null,
      };
    });
    return {
      students: benchStudents.filter((student) => student.enrolledTracks > 0),
      explorers: benchStudents.filter((student) => student.enrolledTracks === 0),
      rows,
      ms: performance.now() - started,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
