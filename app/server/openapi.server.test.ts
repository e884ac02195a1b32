import { enqueueJob } from "#jobs/enqueue.server";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApiForTests } from "~/testing/api-server";
import { generateTOTP } from "@epic-web/totp";
import { sealSecret, TOTP_PERIOD_SECONDS } from "~/features/accounts/two-factor.server";
import { cookieHeader, createSignedInUser, createUser, TEST_PASSWORD } from "~/testing/factories";
import { reviewedAttempt } from "~/testing/mentoring";
import { approvedPortfolioItem } from "~/testing/portfolio";
import { createMission } from "~/testing/missions";
import { readMission } from "~/features/academy/content.server";
import { editorFromDocument } from "~/features/academy/editor";
import { createSession } from "~/features/accounts/session.server";
import { FIRST_RUN, goodAnswer, noInjection, scripted, submittedAttempt } from "~/testing/reviews";
import { runAiReview } from "~/features/reviews/service.server";
import { getDb } from "~/utils/db.server";
import { MAX_BODY_BYTES } from "./body-limit.server";

/** The operations anyone may call without a session. */
const PUBLIC_OPERATIONS = new Set(["POST /auth/login", "POST /auth/password-reset", "POST /auth/password-reset/confirm"]);

// The OpenAPI document at /api/v1/openapi.json: valid OpenAPI 3.1, true to what the API answers
// (every documented operation is called and each answer checked against the document), and
// complete against PRODUCT.md's table of endpoints.
const api = serveApiForTests();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document is walked as untyped JSON
type Json = Record<string, any>;
let document: Json;

beforeAll(async () => {
  const response = await fetch(`${api.url}/api/v1/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toContain("application/json");
  document = await response.json();
});

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.servers).toEqual([{ url: "/api/v1" }]);
  });

  it("describes the bearer token and the session cookie, and which operations need them", () => {
    expect(document.components.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      sessionCookie: { type: "apiKey", in: "cookie", name: "mxp_session" },
    });
    for (const [route, operation] of operations()) {
      if (PUBLIC_OPERATIONS.has(route)) expect(operation.security, route).toBeUndefined();
      else expect(operation.security, route).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    }
  });

  it("documents every error as {error: {code, message, details?}}, with the codes PRODUCT.md gives each operation", () => {
    const codesOf = (route: string, status: number) => {
      const schema = operationAt(route).responses[status]?.content?.["application/json"]?.schema;
      const refs: string[] = schema?.oneOf ? schema.oneOf.map((entry: Json) => entry.$ref) : schema ? [schema.$ref] : [];
      return refs.map((ref) => document.components.schemas[ref.split("/").pop()!].properties.error.properties.code.const);
    };
    expect(codesOf("PATCH /mission-progress/{progressId}", 409)).toEqual(["VERSION_CONFLICT", "INVALID_STATE"]);
    expect(document.components.schemas.VersionConflictError.properties.error.properties.details.required).toEqual(["current", "yourVersion"]);
    expect(codesOf("POST /mission-progress/{progressId}/submit", 422)).toEqual(["INCOMPLETE_SUBMISSION"]);
    expect(document.components.schemas.IncompleteSubmissionError.properties.error.properties.details.required).toEqual(["missing"]);
    expect(codesOf("POST /missions/{missionId}/start", 402)).toEqual(["QUOTA_EXCEEDED", "TIER_REQUIRED"]);
    expect(codesOf("POST /missions/{missionId}/start", 403)).toEqual(["FORBIDDEN"]);
    expect(codesOf("POST /mission-progress/{progressId}/files", 413)).toEqual(["FILE_TOO_LARGE"]);
    expect(codesOf("POST /auth/login", 413)).toEqual(["PAYLOAD_TOO_LARGE"]);
    expect(codesOf("PATCH /mission-progress/{progressId}", 413)).toEqual(["PAYLOAD_TOO_LARGE"]);
    expect(operationAt("GET /me").responses).not.toHaveProperty("413");
    expect(codesOf("POST /mission-progress/{progressId}/files", 415)).toEqual(["UNSUPPORTED_FILE_TYPE"]);
    expect(codesOf("POST /auth/login", 429)).toEqual(["RATE_LIMITED"]);
    expect(operationAt("POST /auth/login").responses[429].headers).toHaveProperty("Retry-After");
    expect(Object.keys(operationAt("POST /missions/{missionId}/start").responses)).toEqual(expect.arrayContaining(["200", "201"]));
    expect(operationAt("POST /mission-progress/{progressId}/submit").responses).toHaveProperty("202");
    expect(operationAt("DELETE /mission-progress/{progressId}/files/{fileId}").responses["204"].content).toBeUndefined();
    expect(operationAt("POST /mission-progress/{progressId}/files").requestBody.content).toHaveProperty("multipart/form-data");
    for (const [route, operation] of operations()) {
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        if (Number(status) < 400) continue;
        for (const code of codesOf(route, Number(status))) expect(typeof code, `${route} ${status}`).toBe("string");
        expect(response.description, `${route} ${status}`).toMatch(/`[A-Z_]+`/);
      }
      // A wrong password is a 401 too; asking for a reset link or using one needs no session.
      if (!PUBLIC_OPERATIONS.has(route) || route === "POST /auth/login") expect(operation.responses, route).toHaveProperty("401");
      else expect(operation.responses, route).not.toHaveProperty("401");
    }
  });
});

describe("PRODUCT.md's REST endpoints", () => {
  // Endpoints PRODUCT.md lists that later issues build. When one is built (one procedure with
  // REST meta), remove it here: the test then checks it is documented.
  const PENDING = new Set<string>([]);
  // CI checks the repository out with the shared design folder beside it.
  const productPath = process.env.MXP_PRODUCT_MD ?? path.resolve("../shared/design/PRODUCT.md");
  const present = fs.existsSync(productPath);

  const title = "are all in the document, except the ones later issues build";
  (present ? it : it.skip)(present ? title : `${title} (skipped: ${productPath} is absent; CI has the shared design folder beside the repository)`, () => {
    const product = fs.readFileSync(productPath, "utf8");
    const section = product.slice(product.indexOf("## Public REST API (v1)"));
    const table = section.split("\n").filter((line) => line.startsWith("|"));
    const listed = [...table.join("\n").matchAll(/`(GET|POST|PUT|PATCH|DELETE) \/api\/v1(\/[^`\s]*)`/g)].map(([, method, route]) => `${method} ${normalise(route!)}`);
    expect(listed.length).toBeGreaterThanOrEqual(12);
    const documented = new Set(operations().map(([route]) => route.replace(/\{[^}]+\}/g, "{}")));
    const missing = listed.filter((endpoint) => !documented.has(endpoint) && !PENDING.has(endpoint));
    expect(missing, "endpoints PRODUCT.md lists that the document lacks").toEqual([]);
    // A built endpoint leaves the pending list; the list names only what PRODUCT.md has.
    expect(
      [...PENDING].filter((endpoint) => documented.has(endpoint)),
      "built: remove from PENDING",
    ).toEqual([]);
    expect(
      [...PENDING].filter((endpoint) => !listed.includes(endpoint)),
      "not in PRODUCT.md",
    ).toEqual([]);
    for (const endpoint of ["POST /auth/logout", "GET /me", "GET /mission-progress/{}/files/{}", "DELETE /mission-progress/{}/files/{}"]) expect(documented).toContain(endpoint);
  });

  function normalise(route: string): string {
    return route.replace(/\{[^}]+\}/g, "{}");
  }
});

/** `METHOD /path` → operation, for every operation in the document. */
function operations(): [string, Json][] {
  return Object.entries<Json>(document.paths).flatMap(([route, item]) =>
    Object.entries<Json>(item).map(([method, operation]) => [`${method.toUpperCase()} ${route}`, operation] as [string, Json]),
  );
}

function operationAt(route: string): Json {
  const [method, template] = route.split(" ") as [string, string];
  const operation = document.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${route} is not in the document`);
  return operation;
}

describe("the contract: every documented operation answers as documented", () => {
  const seen = new Map<string, Set<string>>();
  let ajv: Ajv2020;
  let dataDir: string;
  const savedEnv = { ...process.env };

  beforeAll(() => {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    ajv.addFormat("binary", true);
    ajv.addSchema(document, "mxp-openapi");
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-contract-"));
    process.env.DATA_DIR = dataDir;
    delete process.env.UPLOADTHING_TOKEN;
  });

  afterAll(() => {
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Calls an operation and checks the answer against the document; returns the parsed body. */
  async function call(
    route: string,
    concrete: string,
    init: { token?: string | null; cookie?: string; origin?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document is walked as untyped JSON
  ): Promise<{ status: number; body: any; response: Response }> {
    const operation = operationAt(route);
    const [method] = route.split(" ") as [string];
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.cookie) headers.Cookie = cookieHeader(init.cookie);
    if (init.origin) headers.Origin = init.origin;
    if (init.json !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${api.url}/api/v1${concrete}`, { method, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
    const status = String(response.status);
    const documented = operation.responses[status];
    const text = await response.text();
    expect(documented, `${route} answered ${status}, which is not documented: ${text}`).toBeDefined();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document is walked as untyped JSON
    let body: any;
    const jsonSchema = documented.content?.["application/json"]?.schema;
    if (jsonSchema) {
      expect(response.headers.get("Content-Type"), route).toContain("application/json");
      body = JSON.parse(text);
      const pointer = ["paths", route.split(" ")[1]!, method.toLowerCase(), "responses", status, "content", "application/json", "schema"]
        .map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1"))
        .join("/");
      const validate = ajv.getSchema(`mxp-openapi#/${pointer}`)!;
      expect(validate(body), `${route} ${status}: ${JSON.stringify(validate.errors)}\n${text.slice(0, 500)}`).toBe(true);
    } else if (documented.content) {
      const types = Object.keys(documented.content);
      expect(types.includes("*/*") || types.includes(response.headers.get("Content-Type")!.split(";")[0]!), `${route}: ${response.headers.get("Content-Type")}`).toBe(true);
    } else {
      expect(text, `${route} ${status} has no documented body`).toBe("");
    }
    if (status === "429") expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    const key = `${status}${body?.error?.code ? ` ${body.error.code}` : ""}`;
    if (!seen.has(route)) seen.set(route, new Set());
    seen.get(route)!.add(key);
    return { status: response.status, body, response };
  }

  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(200)]);
  const upload = (subtaskId: string, data: Buffer = PNG, name = "shot.png") => {
    const form = new FormData();
    form.append("subtaskId", subtaskId);
    form.append("file", new Blob([new Uint8Array(data)]), name);
    return form;
  };
  const tooLong = "x".repeat(65);
  const evil = "https://evil.example";
  const oversized = { padding: "x".repeat(MAX_BODY_BYTES) };
  const reflection = "I counted the failures per source and found the one success after the spray; next time I would script it.";

  it("account: a password reset link, asked for and used", async () => {
    const user = await createUser();
    const ask = "POST /auth/password-reset";
    expect((await call(ask, "/auth/password-reset", { json: { email: user.email } })).status).toBe(202);
    // The same answer for an address without an account.
    const unknown = await call(ask, "/auth/password-reset", { json: { email: "nobody-here@example.test" } });
    expect(unknown.body.message).toBe((await call(ask, "/auth/password-reset", { json: { email: user.email } })).body.message);
    await call(ask, "/auth/password-reset", { json: { email: "not-an-address" } });
    await call(ask, "/auth/password-reset", { json: { email: user.email }, origin: evil });
    await call(ask, "/auth/password-reset", { json: { ...oversized, email: user.email } });

    const email = await getDb().emailOutbox.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "asc" } });
    const token = new URL(/https?:\/\/\S+/.exec(email.text)![0]).searchParams.get("token")!;
    const confirm = "POST /auth/password-reset/confirm";
    await call(confirm, "/auth/password-reset/confirm", { json: { token: "x".repeat(40), password: "a brand new passphrase" } });
    await call(confirm, "/auth/password-reset/confirm", { json: { token, password: "a brand new passphrase" }, origin: evil });
    await call(confirm, "/auth/password-reset/confirm", { json: { ...oversized, token, password: "a brand new passphrase" } });
    expect((await call(confirm, "/auth/password-reset/confirm", { json: { token, password: "a brand new passphrase" } })).status).toBe(200);
    expect((await call("POST /auth/login", "/auth/login", { json: { email: user.email, password: "a brand new passphrase" } })).status).toBe(200);

    let limited = 0;
    for (let attempt = 0; attempt < 12 && limited === 0; attempt += 1) {
      if ((await call(ask, "/auth/password-reset", { json: { email: "nobody-here@example.test" } })).status === 429) limited += 1;
    }
    expect(limited).toBe(1);
  });

  it("account: log-in, the caller, log-out", async () => {
    const user = await createUser();
    const login = await call("POST /auth/login", "/auth/login", { json: { email: user.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    await call("POST /auth/login", "/auth/login", { json: { email: "not-an-address" } });
    await call("POST /auth/login", "/auth/login", { json: { email: user.email, password: "wrong-password" } });
    await call("POST /auth/login", "/auth/login", { json: { email: user.email, password: TEST_PASSWORD }, origin: evil });
    await call("POST /auth/login", "/auth/login", { json: { ...oversized, email: user.email, password: TEST_PASSWORD } });
    const throttled = await createUser();
    for (let attempt = 0; attempt < 5; attempt += 1) await call("POST /auth/login", "/auth/login", { json: { email: throttled.email, password: "wrong-password" } });
    expect((await call("POST /auth/login", "/auth/login", { json: { email: throttled.email, password: TEST_PASSWORD } })).status).toBe(429);
    const unconfirmed = await createUser();
    await getDb().user.update({ where: { id: unconfirmed.id }, data: { emailVerifiedAt: null } });
    const refused = await call("POST /auth/login", "/auth/login", { json: { email: unconfirmed.email, password: TEST_PASSWORD } });
    expect(refused.status).toBe(403);
    expect(refused.body.token).toBeUndefined();
    // Two-step log-in: without the code a distinct 401 and no token; with it, a session.
    const { secret } = await generateTOTP({ period: TOTP_PERIOD_SECONDS });
    const guarded = await createUser({ role: "MENTOR" });
    await getDb().user.update({ where: { id: guarded.id }, data: { totpSecret: sealSecret(secret), totpEnabledAt: new Date() } });
    const withoutCode = await call("POST /auth/login", "/auth/login", { json: { email: guarded.email, password: TEST_PASSWORD } });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.error.code).toBe("TWO_FACTOR_REQUIRED");
    expect(withoutCode.body.token).toBeUndefined();
    const { otp } = await generateTOTP({ secret, period: TOTP_PERIOD_SECONDS });
    expect((await call("POST /auth/login", "/auth/login", { json: { email: guarded.email, password: TEST_PASSWORD, code: otp } })).status).toBe(200);

    expect((await call("GET /me", "/me", { token: login.body.token })).body.user.id).toBe(user.id);
    await call("GET /me", "/me");
    await call("POST /auth/logout", "/auth/logout", { cookie: login.body.token, origin: evil });
    await call("POST /auth/logout", "/auth/logout");
    await call("POST /auth/logout", "/auth/logout", { token: login.body.token, json: oversized });
    expect((await call("POST /auth/logout", "/auth/logout", { token: login.body.token })).status).toBe(200);

    const changer = await createUser();
    const session = (await call("POST /auth/login", "/auth/login", { json: { email: changer.email, password: TEST_PASSWORD } })).body.token;
    const change = "POST /me/password";
    await call(change, "/me/password", { json: { currentPassword: TEST_PASSWORD, newPassword: "a brand new passphrase" } });
    await call(change, "/me/password", { token: session, json: { currentPassword: TEST_PASSWORD, newPassword: "short" } });
    await call(change, "/me/password", { cookie: session, origin: evil, json: { currentPassword: TEST_PASSWORD, newPassword: "a brand new passphrase" } });
    await call(change, "/me/password", { token: session, json: { ...oversized, currentPassword: TEST_PASSWORD } });
    expect((await call(change, "/me/password", { token: session, json: { currentPassword: TEST_PASSWORD, newPassword: "a brand new passphrase" } })).status).toBe(200);
    let guessesRefused = false;
    for (let attempt = 0; attempt < 8 && !guessesRefused; attempt += 1) {
      guessesRefused =
        (await call(change, "/me/password", { token: session, json: { currentPassword: `guess ${attempt}`, newPassword: "another new passphrase" } })).status === 429;
    }
    expect(guessesRefused).toBe(true);
  });

  it("missions: the dashboard, a mission, starting it", async () => {
    const { token } = await createSignedInUser();
    const mission = await createMission();
    expect((await call("GET /missions/dashboard", "/missions/dashboard", { token })).status).toBe(200);
    await call("GET /missions/dashboard", "/missions/dashboard?difficulty=impossible", { token });
    await call("GET /missions/dashboard", "/missions/dashboard?track=no-such-track", { token });
    await call("GET /missions/dashboard", "/missions/dashboard");

    expect((await call("GET /missions/{missionId}", `/missions/${mission.slug}`, { token })).status).toBe(200);
    await call("GET /missions/{missionId}", `/missions/${tooLong}`, { token });
    await call("GET /missions/{missionId}", "/missions/no-such-mission", { token });
    await call("GET /missions/{missionId}", `/missions/${mission.id}`);

    expect((await call("POST /missions/{missionId}/start", `/missions/${mission.id}/start`, { token })).status).toBe(201);
    expect((await call("POST /missions/{missionId}/start", `/missions/${mission.id}/start`, { token })).status).toBe(200);
    const second = await createMission();
    expect((await call("POST /missions/{missionId}/start", `/missions/${second.id}/start`, { token })).body.error.code).toBe("QUOTA_EXCEEDED");
    const premium = await createSignedInUser({ tier: "STARTER" });
    expect(
      (await call("POST /missions/{missionId}/start", `/missions/${(await createMission({ tierRequired: "PREMIUM" })).id}/start`, { token: premium.token })).body.error.code,
    ).toBe("TIER_REQUIRED");
    const locked = await createMission({ prerequisites: [mission.id] });
    expect((await call("POST /missions/{missionId}/start", `/missions/${locked.id}/start`, { token: premium.token })).status).toBe(403);
    const other = await createSignedInUser();
    await call("POST /missions/{missionId}/start", `/missions/${mission.id}/start`, { cookie: other.token, origin: evil });
    await call("POST /missions/{missionId}/start", `/missions/${tooLong}/start`, { token });
    await call("POST /missions/{missionId}/start", "/missions/no-such-mission/start", { token });
    await call("POST /missions/{missionId}/start", `/missions/${mission.id}/start`);
    await call("POST /missions/{missionId}/start", `/missions/${mission.id}/start`, { token, json: oversized });
  });

  it("progress: reading, autosaving, evidence, submitting", async () => {
    const { token } = await createSignedInUser();
    const intruder = await createSignedInUser();
    const mission = await createMission();
    const [a, b, c] = mission.subtasks.map((subtask) => subtask.id) as [string, string, string];
    const progress = (await call("POST /missions/{missionId}/start", `/missions/${mission.id}/start`, { token })).body;
    const at = `/mission-progress/${progress.id}`;

    expect((await call("GET /mission-progress/{progressId}", at, { token })).status).toBe(200);
    await call("GET /mission-progress/{progressId}", `/mission-progress/${tooLong}`, { token });
    await call("GET /mission-progress/{progressId}", at, { token: intruder.token });
    await call("GET /mission-progress/{progressId}", at);

    const patchRoute = "PATCH /mission-progress/{progressId}";
    expect((await call(patchRoute, at, { token, json: { version: 1, subtasks: { [a]: { notes: "first", completed: true } } } })).body.version).toBe(2);
    expect((await call(patchRoute, at, { token, json: { version: 1, subtasks: { [a]: { notes: "stale" } } } })).body.error.details.current.version).toBe(2);
    await call(patchRoute, at, { token, json: { version: 2, subtasks: { [a]: { notes: 12 } } } });
    await call(patchRoute, at, { cookie: token, origin: evil, json: { version: 2, subtasks: { [a]: { notes: "x" } } } });
    await call(patchRoute, at, { token: intruder.token, json: { version: 2, subtasks: { [a]: { notes: "x" } } } });
    await call(patchRoute, at, { json: { version: 2, subtasks: { [a]: { notes: "x" } } } });
    await call(patchRoute, at, { token, json: { ...oversized, version: 2, subtasks: { [a]: { notes: "x" } } } });

    const filesRoute = "POST /mission-progress/{progressId}/files";
    const created = await call(filesRoute, `${at}/files`, { token, body: upload(a) });
    expect(created.status).toBe(201);
    expect(created.response.headers.get("Location")).toBe(`/api/v1${at}/files/${created.body.id}`);
    await call(filesRoute, `${at}/files`, { token, body: upload("not-a-subtask") });
    await call(filesRoute, `${at}/files`, { token, body: upload(a, Buffer.from("<!doctype html><script>alert(1)</script>"), "x.png") });
    process.env.UPLOAD_MAX_BYTES = String(1024 * 1024);
    try {
      await call(filesRoute, `${at}/files`, { token, body: upload(a, Buffer.alloc(1024 * 1024 + 1, 0x61), "big.log") });
    } finally {
      delete process.env.UPLOAD_MAX_BYTES;
    }
    await call(filesRoute, `${at}/files`, { cookie: token, origin: evil, body: upload(a) });
    await call(filesRoute, `${at}/files`, { token: intruder.token, body: upload(a) });
    await call(filesRoute, `${at}/files`, { body: upload(a) });

    const fileRoute = "GET /mission-progress/{progressId}/files/{fileId}";
    const downloaded = await call(fileRoute, `${at}/files/${created.body.id}`, { token });
    expect(downloaded.status).toBe(200);
    await call(fileRoute, `${at}/files/${created.body.id}`, { token: intruder.token });
    await call(fileRoute, `${at}/files/${created.body.id}`);

    const deleteRoute = "DELETE /mission-progress/{progressId}/files/{fileId}";
    const spare = (await call(filesRoute, `${at}/files`, { token, body: upload(b) })).body;
    await call(deleteRoute, `${at}/files/${tooLong}`, { token });
    await call(deleteRoute, `${at}/files/${spare.id}`, { cookie: token, origin: evil });
    await call(deleteRoute, `${at}/files/${spare.id}`, { token: intruder.token });
    await call(deleteRoute, `${at}/files/${spare.id}`);
    expect((await call(deleteRoute, `${at}/files/${spare.id}`, { token })).status).toBe(204);

    const submitRoute = "POST /mission-progress/{progressId}/submit";
    expect((await call(submitRoute, `${at}/submit`, { token, json: { reflection } })).body.error.details.missing.length).toBeGreaterThan(0);
    await call(submitRoute, `${at}/submit`, { token, json: { reflection: 42 } });
    await call(submitRoute, `${at}/submit`, { cookie: token, origin: evil, json: { reflection } });
    await call(submitRoute, `${at}/submit`, { token: intruder.token, json: { reflection } });
    await call(submitRoute, `${at}/submit`, { json: { reflection } });
    await call(submitRoute, `${at}/submit`, { token, json: { ...oversized, reflection } });
    await call(patchRoute, at, { token, json: { version: 2, subtasks: { [b]: { completed: true }, [c]: { completed: true } } } });
    expect((await call(submitRoute, `${at}/submit`, { token, json: { reflection } })).status).toBe(202);
    expect((await call(submitRoute, `${at}/submit`, { token, json: { reflection } })).body.error.code).toBe("INVALID_STATE");
    // The attempt's frozen snapshot is described by the document, not left as any JSON.
    const submitted = (await call("GET /mission-progress/{progressId}", at, { token })).body;
    expect(submitted.submissions[0].snapshot).toMatchObject({ attempt: 1, reflection, files: [expect.objectContaining({ subtaskId: a })] });

    // Submitted work: the autosave, uploads and deletions are refused.
    expect((await call(patchRoute, at, { token, json: { version: 4, subtasks: { [a]: { notes: "late" } } } })).body.error.code).toBe("INVALID_STATE");
    await call(filesRoute, `${at}/files`, { token, body: upload(a) });
    await call(deleteRoute, `${at}/files/${created.body.id}`, { token });
    expect(await getDb().evidenceFile.count({ where: { progressId: progress.id } })).toBe(1);
  });

  it("reviews: the latest attempt's AI review, before and after the job", async () => {
    const { user, token } = await createSignedInUser();
    const intruder = await createSignedInUser();
    const mission = await createMission();
    const started = (await call("POST /missions/{missionId}/start", `/missions/${mission.id}/start`, { token })).body;
    const route = "GET /mission-progress/{progressId}/ai-review";
    const nothingYet = await call(route, `/mission-progress/${started.id}/ai-review`, { token });
    expect(nothingYet.body.error.code).toBe("NOT_FOUND");
    await getDb().missionProgress.delete({ where: { id: started.id } });

    const { progress, submission } = await submittedAttempt({ student: user });
    const at = `/mission-progress/${progress.id}/ai-review`;
    expect((await call(route, at, { token })).body).toMatchObject({ attempt: 1, status: "pending", review: null, failure: null });
    await runAiReview(getDb(), submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    const done = await call(route, at, { token });
    expect(done.body).toMatchObject({
      status: "completed",
      review: { total: 91.7, passed: true, reviewer: { kind: "model", name: "test:scripted" }, rubric: { version: 1, current: true } },
    });
    expect(done.body.review.criteria[0]).toMatchObject({ key: "evidence", score: 3, max: 3, level: "Exemplary", quote: "Failed password for root from 10.0.0.66" });
    await call(route, `/mission-progress/${tooLong}/ai-review`, { token });
    await call(route, at, { token: intruder.token });
    await call(route, at);
  });

  const createSessionFor = (userId: string) => createSession(getDb(), userId);

  it("mentoring: asking for a mentor review and a mentor completing it", async () => {
    const { progress, student } = await reviewedAttempt({ passed: false });
    const { token } = await createSessionFor(student.id);
    const intruder = await createSignedInUser({ tier: "PREMIUM" });
    const at = `/mission-progress/${progress.id}/mentor-review`;
    const request = "POST /mission-progress/{progressId}/mentor-review";
    const free = await reviewedAttempt({ passed: false, tier: "FREE" });
    const freeToken = (await createSessionFor(free.student.id)).token;
    expect((await call(request, `/mission-progress/${free.progress.id}/mentor-review`, { token: freeToken, json: {} })).body.error).toMatchObject({
      code: "TIER_REQUIRED",
      details: { required: "PREMIUM", current: "FREE" },
    });
    await call(request, at, { token, json: { disputedCriteria: ["no-such-criterion"] } });
    await call(request, at, { token, json: { reason: 42 } });
    await call(request, at, { token: intruder.token, json: {} });
    await call(request, at, { json: {} });
    await call(request, at, { cookie: token, origin: evil, json: {} });
    await call(request, at, { token, json: { ...oversized } });
    const queued = await call(request, at, { token, json: { reason: "My timeline had every step.", disputedCriteria: ["analysis"] } });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: "requested", attempt: 1, disputedCriteria: ["analysis"] });
    expect((await call(request, at, { token, json: {} })).body.error.code).toBe("INVALID_STATE");

    const complete = "POST /mission-progress/{progressId}/mentor-review/complete";
    const mentor = await createSignedInUser({ role: "MENTOR" });
    const other = await createSignedInUser({ role: "MENTOR" });
    const done = `${at}/complete`;
    const full = { evidence: 3, analysis: 3, communication: 2 };
    await call(complete, done, { token: mentor.token, json: { scores: { ...full, style: 1 }, decision: "approved" } });
    await call(complete, done, { token: mentor.token, json: { scores: { ...full, evidence: 9 }, decision: "approved" } });
    await call(complete, done, { token, json: { scores: full, decision: "approved" } });
    await call(complete, done, { json: { scores: full, decision: "approved" } });
    await call(complete, done, { cookie: mentor.token, origin: evil, json: { scores: full, decision: "approved" } });
    await call(complete, done, { token: mentor.token, json: { ...oversized, scores: full, decision: "approved" } });
    await call(complete, `/mission-progress/no-such-record/mentor-review/complete`, { token: mentor.token, json: { scores: full, decision: "approved" } });
    const approved = await call(complete, done, { token: mentor.token, json: { scores: full, comments: "Clear and complete.", decision: "approved" } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ decision: "approved", total: 91.7, progressStatus: "APPROVED", comments: "Clear and complete." });
    expect((await call(complete, done, { token: other.token, json: { scores: full, decision: "changes_requested" } })).body.error.code).toBe("INVALID_STATE");
  });

  it("portfolio and skill signals: the caller's own, after an approval", async () => {
    const { student, item, mission } = await approvedPortfolioItem({ skills: [{ key: "contract-skill", weight: 1 }] });
    const { token } = await createSessionFor(student.id);
    const stranger = await createSignedInUser();

    const portfolio = await call("GET /portfolio", "/portfolio", { token });
    expect(portfolio.status).toBe(200);
    expect(portfolio.body).toMatchObject({
      handle: student.handle,
      items: [{ id: item.id, mission: { id: mission.id }, score: 91.7, isPublic: false, files: [{ name: "auth.log", public: false }] }],
    });
    expect((await call("GET /portfolio", "/portfolio", { token: stranger.token })).body.items).toEqual([]);
    await call("GET /portfolio", "/portfolio");

    const signals = await call("GET /skill-signals", "/skill-signals", { token });
    expect(signals.status).toBe(200);
    expect(signals.body.signals).toEqual([
      expect.objectContaining({ skill: expect.objectContaining({ key: "contract-skill" }), level: "NOVICE", confidence: 0.15, confidenceLabel: "low", evidenceCount: 1 }),
    ]);
    expect((await call("GET /skill-signals", "/skill-signals", { token: stranger.token })).body.signals).toEqual([]);
    await call("GET /skill-signals", "/skill-signals");
  });

  it("admin: the AI's agreement with mentors, the attempts behind it, and a mission's confirmation setting", async () => {
    const admin = await createSignedInUser({ role: "ADMIN" });
    const mentor = await createSignedInUser({ role: "MENTOR" });
    const mission = await createMission();
    const report = "GET /admin/agreement";
    const ok = await call(report, "/admin/agreement?from=2026-01-01&to=2026-12-31", { token: admin.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ period: { from: "2026-01-01", to: "2026-12-31" } });
    await call(report, "/admin/agreement?from=2026-13-01", { token: admin.token });
    await call(report, "/admin/agreement?from=2026-05-01&to=2026-04-01", { token: admin.token });
    await call(report, "/admin/agreement", {});
    await call(report, "/admin/agreement", { token: mentor.token });

    const behind = "GET /admin/agreement/missions/{missionId}";
    expect((await call(behind, `/admin/agreement/missions/${mission.id}?criterion=evidence`, { token: admin.token })).body).toMatchObject({ missionId: mission.id, attempts: [] });
    await call(behind, `/admin/agreement/missions/${mission.id}?to=yesterday`, { token: admin.token });
    await call(behind, `/admin/agreement/missions/no-such-mission`, { token: admin.token });
    await call(behind, `/admin/agreement/missions/${mission.id}`, {});
    await call(behind, `/admin/agreement/missions/${mission.id}`, { token: mentor.token });

    const setting = "PUT /admin/missions/{missionId}/mentor-confirms-passes";
    const at = `/admin/missions/${mission.id}/mentor-confirms-passes`;
    expect((await call(setting, at, { token: admin.token, json: { mentorConfirmsPasses: true } })).body).toEqual({ missionId: mission.id, mentorConfirmsPasses: true });
    await call(setting, at, { token: admin.token, json: { mentorConfirmsPasses: "yes" } });
    await call(setting, "/admin/missions/no-such-mission/mentor-confirms-passes", { token: admin.token, json: { mentorConfirmsPasses: true } });
    await call(setting, at, { json: { mentorConfirmsPasses: true } });
    await call(setting, at, { token: mentor.token, json: { mentorConfirmsPasses: true } });
    await call(setting, at, { cookie: admin.token, origin: evil, json: { mentorConfirmsPasses: true } });
    await call(setting, at, { token: admin.token, json: { ...oversized, mentorConfirmsPasses: true } });
  });

  it("admin: people, a role change and the audit log", async () => {
    const admin = await createSignedInUser({ role: "ADMIN" });
    const mentor = await createSignedInUser({ role: "MENTOR" });
    const student = await createSignedInUser();

    const list = "GET /admin/users";
    const found = await call(list, `/admin/users?q=${encodeURIComponent(student.user.email)}`, { token: admin.token });
    expect(found.body.users.map((user: { id: string }) => user.id)).toEqual([student.user.id]);
    await call(list, "/admin/users?role=OWNER", { token: admin.token });
    await call(list, "/admin/users", {});
    await call(list, "/admin/users", { token: mentor.token });

    const one = "GET /admin/users/{userId}";
    expect((await call(one, `/admin/users/${student.user.id}`, { token: admin.token })).body).toMatchObject({
      user: { id: student.user.id, role: "STUDENT" },
      plan: { tier: "FREE" },
    });
    await call(one, `/admin/users/${"x".repeat(65)}`, { token: admin.token });
    await call(one, "/admin/users/nobody", { token: admin.token });
    await call(one, `/admin/users/${student.user.id}`, {});
    await call(one, `/admin/users/${student.user.id}`, { token: mentor.token });

    const role = "PUT /admin/users/{userId}/role";
    const at = `/admin/users/${student.user.id}/role`;
    expect((await call(role, at, { token: admin.token, json: { role: "MENTOR" } })).body).toEqual({ userId: student.user.id, role: "MENTOR" });
    await call(role, at, { token: admin.token, json: { role: "KING" } });
    await call(role, "/admin/users/nobody/role", { token: admin.token, json: { role: "MENTOR" } });
    await call(role, `/admin/users/${admin.user.id}/role`, { token: admin.token, json: { role: "STUDENT" } });
    await call(role, at, { json: { role: "MENTOR" } });
    await call(role, at, { token: mentor.token, json: { role: "ADMIN" } });
    await call(role, at, { cookie: admin.token, origin: evil, json: { role: "MENTOR" } });
    await call(role, at, { token: admin.token, json: { ...oversized, role: "MENTOR" } });

    const audit = "GET /admin/audit";
    const log = await call(audit, `/admin/audit?target=${student.user.id}`, { token: admin.token });
    expect(log.body.entries).toEqual([expect.objectContaining({ action: "user.role", before: { role: "STUDENT" }, after: { role: "MENTOR" } })]);
    await call(audit, "/admin/audit?action=user.delete", { token: admin.token });
    await call(audit, "/admin/audit", {});
    await call(audit, "/admin/audit", { token: mentor.token });
  });

  it("admin: authoring missions — drafts, publishing, history, preview", async () => {
    const db = getDb();
    const admin = await createSignedInUser({ role: "ADMIN" });
    const mentor = await createSignedInUser({ role: "MENTOR" });
    const base = await createMission({ skills: [{ key: "contract-authoring", weight: 1 }] });
    const track = await db.track.findUniqueOrThrow({ where: { id: base.trackId }, select: { slug: true } });
    const slug = `contract-draft-${crypto.randomBytes(4).toString("hex")}`;
    const badSlug = "Not_A_Slug";

    const create = "POST /admin/missions";
    const draft = { track: track.slug, slug, title: "Contract draft" };
    expect((await call(create, "/admin/missions", { token: admin.token, json: draft })).body).toEqual({ slug });
    expect((await call(create, "/admin/missions", { token: admin.token, json: draft })).body.error).toMatchObject({
      code: "ALREADY_EXISTS",
      details: { fieldErrors: { slug: [expect.any(String)] } },
    });
    expect((await call(create, "/admin/missions", { token: admin.token, json: { ...draft, slug: base.slug } })).body.error.code).toBe("ALREADY_EXISTS");
    expect((await call(create, "/admin/missions", { token: admin.token, json: { ...draft, track: "no-such-track" } })).body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fieldErrors: { track: [expect.stringContaining("no-such-track")] } },
    });
    await call(create, "/admin/missions", { token: admin.token, json: { ...draft, slug: badSlug } });
    await call(create, "/admin/missions", { json: draft });
    await call(create, "/admin/missions", { token: mentor.token, json: draft });
    await call(create, "/admin/missions", { cookie: admin.token, origin: evil, json: draft });
    await call(create, "/admin/missions", { token: admin.token, json: { ...oversized, ...draft } });

    const overview = "GET /admin/missions";
    const listed = (await call(overview, "/admin/missions", { token: admin.token })).body;
    expect(listed.newDrafts).toContainEqual(expect.objectContaining({ slug, title: "Contract draft", track: track.slug, author: admin.user.name }));
    expect(listed.tracks.find((entry: { slug: string }) => entry.slug === track.slug).missions).toEqual([
      expect.objectContaining({ slug: base.slug, published: true, draftSavedAt: null, versions: 0, students: 0 }),
    ]);
    await call(overview, "/admin/missions", {});
    await call(overview, "/admin/missions", { token: mentor.token });

    // A new draft opens with what it still lacks, and can be neither previewed nor published yet.
    const editorRoute = "GET /admin/missions/{slug}/draft";
    const at = `/admin/missions/${slug}`;
    const opened = (await call(editorRoute, `${at}/draft`, { token: admin.token })).body;
    expect(opened).toMatchObject({ slug, mission: null, draft: { author: admin.user.name }, editor: { slug, track: track.slug, title: "Contract draft" }, history: [] });
    expect(opened.fieldErrors).toMatchObject({ summary: [expect.any(String)], skills: [expect.any(String)] });
    expect(opened.choices.skills).toContainEqual({ key: "contract-authoring", name: "Skill contract-authoring" });
    await call(editorRoute, `/admin/missions/${badSlug}/draft`, { token: admin.token });
    await call(editorRoute, "/admin/missions/no-such-mission/draft", { token: admin.token });
    await call(editorRoute, `${at}/draft`, {});
    await call(editorRoute, `${at}/draft`, { token: mentor.token });

    const publish = "POST /admin/missions/{slug}/publish";
    expect((await call(publish, `${at}/publish`, { token: admin.token })).body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fieldErrors: { summary: [expect.any(String)] } },
    });
    const preview = "GET /admin/missions/{slug}/preview";
    expect((await call(preview, `${at}/preview`, { token: admin.token })).body.error.details.fieldErrors).toHaveProperty("summary");

    // A complete editor state, from the published mission's document: a Premium mission that requires it.
    const save = "PUT /admin/missions/{slug}/draft";
    const { slug: _baseSlug, ...fields } = editorFromDocument((await readMission(db, base.slug))!);
    const editor = { ...fields, title: "Contract draft", tierRequired: "PREMIUM", prerequisites: [base.slug] };
    // Numbers may come as numbers from an API client; the draft keeps them as typed text.
    const saved = await call(save, `${at}/draft`, { token: admin.token, json: { editor: { ...editor, estimatedMinutes: 50 } } });
    expect(saved.body).toEqual({ slug, savedAt: expect.any(String), fieldErrors: {} });
    expect((await call(editorRoute, `${at}/draft`, { token: admin.token })).body).toMatchObject({ editor: { estimatedMinutes: "50", tierRequired: "PREMIUM" }, fieldErrors: {} });
    expect((await call(save, `${at}/draft`, { token: admin.token, json: { editor: { ...editor, isCapstone: "yes" } } })).body.error.code).toBe("VALIDATION_FAILED");
    await call(save, `${at}/draft`, { token: admin.token, json: { editor: { ...editor, story: "x".repeat(20_001) } } });
    await call(save, "/admin/missions/no-such-mission/draft", { token: admin.token, json: { editor } });
    await call(save, `${at}/draft`, { json: { editor } });
    await call(save, `${at}/draft`, { token: mentor.token, json: { editor } });
    await call(save, `${at}/draft`, { cookie: admin.token, origin: evil, json: { editor } });
    await call(save, `${at}/draft`, { token: admin.token, json: { ...oversized, editor } });

    // The draft as a Free student sees it: locked by its plan and its prerequisite, with the month's starts.
    const free = await call(preview, `${at}/preview?tier=FREE`, { token: admin.token });
    expect(free.body).toMatchObject({
      tier: "FREE",
      fromDraft: true,
      mission: { slug, title: "Contract draft", tierRequired: "PREMIUM", estimatedMinutes: 50, prerequisites: [{ id: base.id, slug: base.slug }] },
      quota: { used: 0, tier: "FREE" },
    });
    expect(free.body.locks.map((lock: { kind: string }) => lock.kind)).toEqual(["tier", "prerequisites"]);
    expect(free.body.mission.subtasks).toHaveLength(3);
    expect(free.body.mission.skills).toEqual([{ key: "contract-authoring", name: "Skill contract-authoring", weight: 1 }]);
    const premium = await call(preview, `${at}/preview?tier=PREMIUM`, { token: admin.token });
    expect(premium.body.locks.map((lock: { kind: string }) => lock.kind)).toEqual(["prerequisites"]);
    expect((await call(preview, `${at}/preview?tier=GOLD`, { token: admin.token })).body.error.details.fieldErrors).toHaveProperty("tier");
    await call(preview, "/admin/missions/no-such-mission/preview", { token: admin.token });
    await call(preview, `${at}/preview`, {});
    await call(preview, `${at}/preview`, { token: mentor.token });

    await call(publish, `/admin/missions/${badSlug}/publish`, { token: admin.token });
    await call(publish, "/admin/missions/no-such-mission/publish", { token: admin.token });
    await call(publish, `${at}/publish`, {});
    await call(publish, `${at}/publish`, { token: mentor.token });
    await call(publish, `${at}/publish`, { cookie: admin.token, origin: evil });
    await call(publish, `${at}/publish`, { token: admin.token, json: oversized });
    const published = await call(publish, `${at}/publish`, { token: admin.token });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ slug, version: 1 });
    const created = await db.mission.findUniqueOrThrow({
      where: { slug },
      select: { id: true, published: true, tierRequired: true, trackId: true, draft: { select: { id: true } } },
    });
    expect(created).toEqual({ id: expect.any(String), published: true, tierRequired: "PREMIUM", trackId: base.trackId, draft: null });
    expect((await call(publish, `${at}/publish`, { token: admin.token })).body.error.code).toBe("INVALID_STATE");

    const history = "GET /admin/missions/{slug}/history";
    expect((await call(history, `${at}/history`, { token: admin.token })).body).toEqual({
      slug,
      history: [expect.objectContaining({ number: 1, event: "published", source: "editor", author: { name: admin.user.name, email: admin.user.email } })],
    });
    await call(history, `/admin/missions/${badSlug}/history`, { token: admin.token });
    await call(history, "/admin/missions/no-such-mission/history", { token: admin.token });
    await call(history, `${at}/history`, {});
    await call(history, `${at}/history`, { token: mentor.token });

    // Unpublished, then published again: each a line in the history.
    const visibility = "PUT /admin/missions/{slug}/published";
    expect((await call(visibility, `${at}/published`, { token: admin.token, json: { published: false } })).body).toEqual({ slug, published: false });
    expect(await db.mission.findUniqueOrThrow({ where: { slug }, select: { published: true } })).toEqual({ published: false });
    expect((await call(visibility, `${at}/published`, { token: admin.token, json: { published: true } })).body).toEqual({ slug, published: true });
    const events = (await call(history, `${at}/history`, { token: admin.token })).body.history.map((entry: { number: number; event: string }) => [entry.number, entry.event]);
    expect(events).toEqual([
      [3, "republished"],
      [2, "unpublished"],
      [1, "published"],
    ]);
    await call(visibility, `${at}/published`, { token: admin.token, json: { published: "no" } });
    await call(visibility, "/admin/missions/no-such-mission/published", { token: admin.token, json: { published: false } });
    await call(visibility, `${at}/published`, { json: { published: false } });
    await call(visibility, `${at}/published`, { token: mentor.token, json: { published: false } });
    await call(visibility, `${at}/published`, { cookie: admin.token, origin: evil, json: { published: false } });
    await call(visibility, `${at}/published`, { token: admin.token, json: { ...oversized, published: false } });

    // Discarding: nothing to discard once published; a new draft of the published mission goes, the mission stays.
    const discard = "DELETE /admin/missions/{slug}/draft";
    expect((await call(discard, `${at}/draft`, { token: admin.token })).body.error.code).toBe("INVALID_STATE");
    await call(save, `${at}/draft`, { token: admin.token, json: { editor: { ...editor, title: "Contract draft, revised" } } });
    await call(discard, `/admin/missions/${badSlug}/draft`, { token: admin.token });
    await call(discard, "/admin/missions/no-such-mission/draft", { token: admin.token });
    await call(discard, `${at}/draft`, {});
    await call(discard, `${at}/draft`, { token: mentor.token });
    await call(discard, `${at}/draft`, { cookie: admin.token, origin: evil });
    expect((await call(discard, `${at}/draft`, { token: admin.token })).body).toEqual({ slug, discarded: true });
    expect(await db.mission.findUniqueOrThrow({ where: { slug }, select: { title: true, draft: true } })).toEqual({ title: "Contract draft", draft: null });
  });

  it("admin: tracks — creating one, changing it and reordering its missions", async () => {
    const db = getDb();
    const admin = await createSignedInUser({ role: "ADMIN" });
    const mentor = await createSignedInUser({ role: "MENTOR" });
    const first = await createMission();
    const second = await createMission({ trackId: first.trackId });
    const existing = await db.track.findUniqueOrThrow({ where: { id: first.trackId }, select: { slug: true } });
    const slug = `contract-track-${crypto.randomBytes(4).toString("hex")}`;
    const fields = { slug, title: "Contract track", summary: "A track.", description: "Made by the contract test." };

    const create = "POST /admin/tracks";
    expect((await call(create, "/admin/tracks", { token: admin.token, json: fields })).body).toEqual({ track: { ...fields, published: false }, missions: [] });
    expect((await call(create, "/admin/tracks", { token: admin.token, json: fields })).body.error.code).toBe("ALREADY_EXISTS");
    expect((await call(create, "/admin/tracks", { token: admin.token, json: { ...fields, slug: "Not_A_Slug", title: "" } })).body.error.details.fieldErrors).toMatchObject({
      slug: [expect.any(String)],
      title: [expect.any(String)],
    });
    await call(create, "/admin/tracks", { json: fields });
    await call(create, "/admin/tracks", { token: mentor.token, json: fields });
    await call(create, "/admin/tracks", { cookie: admin.token, origin: evil, json: fields });
    await call(create, "/admin/tracks", { token: admin.token, json: { ...oversized, ...fields } });

    const read = "GET /admin/tracks/{slug}";
    const at = `/admin/tracks/${existing.slug}`;
    expect((await call(read, at, { token: admin.token })).body.missions.map((mission: { slug: string }) => mission.slug)).toEqual([first.slug, second.slug]);
    await call(read, "/admin/tracks/Not_A_Slug", { token: admin.token });
    await call(read, "/admin/tracks/no-such-track", { token: admin.token });
    await call(read, at, {});
    await call(read, at, { token: mentor.token });

    const save = "PUT /admin/tracks/{slug}";
    const change = { title: "Renamed", summary: "S.", description: "D.", published: true, missions: [second.slug, first.slug] };
    expect((await call(save, at, { token: admin.token, json: change })).body).toMatchObject({
      track: { slug: existing.slug, title: "Renamed", published: true },
      missions: [{ slug: second.slug }, { slug: first.slug }],
    });
    expect((await call(save, at, { token: admin.token, json: { ...change, missions: [first.slug] } })).body.error.details).toEqual({
      fieldErrors: { missions: ["List exactly the track's own missions, in their new order"] },
    });
    await call(save, "/admin/tracks/no-such-track", { token: admin.token, json: change });
    await call(save, at, { json: change });
    await call(save, at, { token: mentor.token, json: change });
    await call(save, at, { cookie: admin.token, origin: evil, json: change });
    await call(save, at, { token: admin.token, json: { ...oversized, ...change } });
  });

  it("admin: the operations report and retrying jobs out of tries", async () => {
    const db = getDb();
    const admin = await createSignedInUser({ role: "ADMIN" });
    const mentor = await createSignedInUser({ role: "MENTOR" });
    await enqueueJob(db, "send-welcome", { userId: "contract" }, { maxAttempts: 1 });
    const [job] = await db.$queryRaw<{ id: string }[]>`SELECT id::text AS "id" FROM graphile_worker.jobs WHERE task_identifier = 'send-welcome' ORDER BY id DESC LIMIT 1`;
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = 'contract failure' WHERE id = ${job!.id}::bigint`;

    const report = "GET /admin/operations";
    const ok = (await call(report, "/admin/operations", { token: admin.token })).body;
    expect(ok.jobs).toContainEqual(expect.objectContaining({ task: "send-welcome", failed: 1, lastError: "contract failure" }));
    expect(ok.failedJobs).toContainEqual(expect.objectContaining({ id: job!.id, retryable: true }));
    await call(report, "/admin/operations", {});
    await call(report, "/admin/operations", { token: mentor.token });

    const retry = "POST /admin/operations/jobs/retry";
    expect((await call(retry, "/admin/operations/jobs/retry", { token: admin.token, json: { jobIds: [job!.id] } })).body).toEqual({ retried: 1 });
    expect((await call(retry, "/admin/operations/jobs/retry", { token: admin.token, json: { jobIds: [job!.id] } })).body).toEqual({ retried: 0 });
    await call(retry, "/admin/operations/jobs/retry", { token: admin.token, json: { jobIds: ["not-a-number"] } });
    await call(retry, "/admin/operations/jobs/retry", { json: { jobIds: [job!.id] } });
    await call(retry, "/admin/operations/jobs/retry", { token: mentor.token, json: { jobIds: [job!.id] } });
    await call(retry, "/admin/operations/jobs/retry", { cookie: admin.token, origin: evil, json: { jobIds: [job!.id] } });
    await call(retry, "/admin/operations/jobs/retry", { token: admin.token, json: { ...oversized, jobIds: [job!.id] } });
  });

  it("admin: tiers granted by hand, mentors' tracks and failed AI reviews", async () => {
    const db = getDb();
    const admin = await createSignedInUser({ role: "ADMIN" });
    const mentor = await createSignedInUser({ role: "MENTOR" });
    const student = await createUser();

    const billing = "GET /admin/billing";
    await call(billing, "/admin/billing", { token: admin.token });
    await call(billing, "/admin/billing?events=sideways", { token: admin.token });
    await call(billing, "/admin/billing", {});
    await call(billing, "/admin/billing", { token: mentor.token });

    const grant = "POST /admin/billing/grants";
    const granted = await call(grant, "/admin/billing/grants", { token: admin.token, json: { email: student.email, tier: "PREMIUM", reason: "Scholarship" } });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ user: { id: student.id }, tier: "PREMIUM", reason: "Scholarship", endsAt: null });
    expect((await call(billing, "/admin/billing", { token: admin.token })).body.grants).toContainEqual(expect.objectContaining({ id: granted.body.id, status: "in force" }));
    await call(grant, "/admin/billing/grants", { token: admin.token, json: { email: "nobody@example.test", tier: "PREMIUM", reason: "Scholarship" } });
    await call(grant, "/admin/billing/grants", { json: { email: student.email, tier: "PREMIUM", reason: "Scholarship" } });
    await call(grant, "/admin/billing/grants", { token: mentor.token, json: { email: student.email, tier: "PREMIUM", reason: "Scholarship" } });
    await call(grant, "/admin/billing/grants", { cookie: admin.token, origin: evil, json: { email: student.email, tier: "PREMIUM", reason: "Scholarship" } });
    await call(grant, "/admin/billing/grants", { token: admin.token, json: { ...oversized, email: student.email, tier: "PREMIUM", reason: "Scholarship" } });

    const revoke = "POST /admin/billing/grants/{grantId}/revoke";
    const revokeAt = `/admin/billing/grants/${granted.body.id}/revoke`;
    expect((await call(revoke, revokeAt, { token: admin.token })).body).toMatchObject({ id: granted.body.id });
    expect((await call(revoke, revokeAt, { token: admin.token })).body.error.code).toBe("INVALID_STATE");
    expect((await call(revoke, "/admin/billing/grants/no-such-grant/revoke", { token: admin.token })).body.error.code).toBe("NOT_FOUND");
    await call(revoke, revokeAt, {});
    await call(revoke, revokeAt, { token: mentor.token });
    await call(revoke, revokeAt, { cookie: admin.token, origin: evil });
    await call(revoke, revokeAt, { token: admin.token, json: oversized });

    const mentors = "GET /admin/mentors";
    const track = await db.track.findFirstOrThrow({ select: { id: true } });
    expect((await call(mentors, "/admin/mentors", { token: admin.token })).body.mentors).toContainEqual(expect.objectContaining({ id: mentor.user.id, trackIds: [] }));
    await call(mentors, "/admin/mentors", {});
    await call(mentors, "/admin/mentors", { token: mentor.token });

    const tracks = "PUT /admin/mentors/{mentorId}/tracks";
    const tracksAt = `/admin/mentors/${mentor.user.id}/tracks`;
    expect((await call(tracks, tracksAt, { token: admin.token, json: { trackIds: [track.id] } })).body).toEqual({ mentorId: mentor.user.id, trackIds: [track.id] });
    expect((await call(mentors, "/admin/mentors", { token: admin.token })).body.mentors).toContainEqual(expect.objectContaining({ id: mentor.user.id, trackIds: [track.id] }));
    await call(tracks, tracksAt, { token: admin.token, json: { trackIds: ["no-such-track"] } });
    await call(tracks, `/admin/mentors/${student.id}/tracks`, { token: admin.token, json: { trackIds: [] } });
    await call(tracks, tracksAt, { json: { trackIds: [] } });
    await call(tracks, tracksAt, { token: mentor.token, json: { trackIds: [] } });
    await call(tracks, tracksAt, { cookie: admin.token, origin: evil, json: { trackIds: [] } });
    await call(tracks, tracksAt, { token: admin.token, json: { ...oversized, trackIds: [] } });

    const { submission } = await submittedAttempt();
    await db.aiReview.update({ where: { submissionId: submission.id }, data: { status: "FAILED", error: "The model timed out." } });
    const failed = "GET /admin/reviews/failed";
    expect((await call(failed, "/admin/reviews/failed", { token: admin.token })).body).toContainEqual(
      expect.objectContaining({ submissionId: submission.id, error: "The model timed out." }),
    );
    await call(failed, "/admin/reviews/failed", {});
    await call(failed, "/admin/reviews/failed", { token: mentor.token });

    const retry = "POST /admin/reviews/{submissionId}/retry";
    const retryAt = `/admin/reviews/${submission.id}/retry`;
    expect((await call(retry, retryAt, { token: admin.token })).body).toEqual({ submissionId: submission.id, status: "pending" });
    expect((await call(retry, retryAt, { token: admin.token })).body.error.code).toBe("INVALID_STATE");
    expect((await call(retry, "/admin/reviews/no-such-submission/retry", { token: admin.token })).body.error.code).toBe("NOT_FOUND");
    await call(retry, `/admin/reviews/${tooLong}/retry`, { token: admin.token });
    await call(retry, retryAt, {});
    await call(retry, retryAt, { token: mentor.token });
    await call(retry, retryAt, { cookie: admin.token, origin: evil });
    await call(retry, retryAt, { token: admin.token, json: oversized });
  });

  it("billing: starting a checkout and opening the portal", async () => {
    const db = getDb();
    const student = await createSignedInUser();
    const mentor = await createSignedInUser({ role: "MENTOR" });

    const checkout = "POST /billing/checkout";
    const started = await call(checkout, "/billing/checkout", { token: student.token, json: { tier: "PREMIUM", returnTo: "/dashboard/student/missions" } });
    expect(started.body).toMatchObject({ kind: "checkout", url: expect.stringContaining("/billing/test-checkout/") });
    expect((await call(checkout, "/billing/checkout", { token: student.token, json: { tier: "GOLD" } })).body.error.details.fieldErrors.tier).toBeDefined();
    await call(checkout, "/billing/checkout", { json: { tier: "PREMIUM" } });
    await call(checkout, "/billing/checkout", { token: mentor.token, json: { tier: "PREMIUM" } });
    await call(checkout, "/billing/checkout", { cookie: student.token, origin: evil, json: { tier: "PREMIUM" } });
    await call(checkout, "/billing/checkout", { token: student.token, json: { ...oversized, tier: "PREMIUM" } });

    const portal = "POST /billing/portal";
    const stranger = await createSignedInUser();
    expect((await call(portal, "/billing/portal", { token: stranger.token, json: {} })).body.error.code).toBe("INVALID_STATE");
    // The checkout made the student a customer: the portal opens, and comes back to the billing page by default.
    expect((await call(portal, "/billing/portal", { token: student.token, json: {} })).body.url).toContain("/billing");
    await call(portal, "/billing/portal", { token: student.token, json: { returnTo: 42 } });
    await call(portal, "/billing/portal", { json: {} });
    await call(portal, "/billing/portal", { token: mentor.token, json: {} });
    await call(portal, "/billing/portal", { cookie: student.token, origin: evil, json: {} });
    await call(portal, "/billing/portal", { token: student.token, json: oversized });

    // A student still billed for a plan is sent to the portal, so nobody pays twice.
    await db.subscription.update({ where: { userId: student.user.id }, data: { tier: "PREMIUM", status: "active", stripeSubscriptionId: `sub_${student.user.id}` } });
    expect((await call(checkout, "/billing/checkout", { token: student.token, json: { tier: "STARTER" } })).body.kind).toBe("portal");

    // With neither a Stripe key nor the test checkout, nothing can be sold, and the answer says so.
    process.env.LOCAL_CHECKOUT = "false";
    try {
      expect((await call(checkout, "/billing/checkout", { token: stranger.token, json: { tier: "PREMIUM" } })).status).toBe(503);
      expect((await call(portal, "/billing/portal", { token: student.token, json: {} })).status).toBe(503);
    } finally {
      delete process.env.LOCAL_CHECKOUT;
    }
  });

  it("has a checker that refuses answers the document does not describe", () => {
    const schemaOf = (route: string, status: number) => {
      const [method, template] = route.split(" ") as [string, string];
      const pointer = ["paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema"]
        .map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1"))
        .join("/");
      return ajv.getSchema(`mxp-openapi#/${pointer}`)!;
    };
    const user = { id: "u1", email: "a@b.c", name: "A", handle: "a", role: "STUDENT", profilerScore: null };
    expect(schemaOf("GET /me", 200)({ user })).toBe(true);
    expect(schemaOf("GET /me", 200)({ user: { ...user, passwordHash: "x" } })).toBe(false);
    expect(schemaOf("GET /me", 200)({ user: { ...user, role: "ROOT" } })).toBe(false);
    const snapshot = { attempt: 1, missionTitle: "M", version: 3, subtasks: { s1: { notes: "n", completed: true } }, files: [], reflection: "r" };
    const progressAnswer = (snapshotValue: unknown) => ({
      id: "p1",
      missionId: "m1",
      status: "SUBMITTED",
      version: 3,
      editable: false,
      subtasks: {},
      currentAttempt: 1,
      startedAt: "2026-12-01T10:00:00.000Z",
      updatedAt: "2026-12-01T10:00:00.000Z",
      submittedAt: "2026-12-01T10:00:00.000Z",
      files: [],
      submissions: [{ id: "s1", attempt: 1, reflection: "r", createdAt: "2026-12-01T10:00:00.000Z", snapshot: snapshotValue, aiReview: null }],
    });
    expect(schemaOf("GET /mission-progress/{progressId}", 200)(progressAnswer(snapshot))).toBe(true);
    expect(schemaOf("GET /mission-progress/{progressId}", 200)(progressAnswer({ ...snapshot, files: "none" }))).toBe(false);
    expect(schemaOf("GET /me", 401)({ error: { code: "UNAUTHENTICATED", message: "Log in first." } })).toBe(true);
    expect(schemaOf("GET /me", 401)({ error: { code: "NOT_FOUND", message: "x" } })).toBe(false);
    expect(schemaOf("GET /me", 401)({ message: "x", code: "UNAUTHORIZED" })).toBe(false);
    expect(schemaOf("PATCH /mission-progress/{progressId}", 409)({ error: { code: "VERSION_CONFLICT", message: "x" } })).toBe(false);
  });

  it("covered every documented operation, every documented status and every documented error code", () => {
    for (const [route, operation] of operations()) {
      const statuses = seen.get(route) ?? new Set<string>();
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        if (status === "500") continue; // a failure on our side: not something a request can cause
        const codes = [...String(response.description).matchAll(/`([A-Z][A-Z_]+)`/g)].map((match) => match[1]!);
        if (codes.length === 0) expect([...statuses], `${route}: ${status}`).toContain(status);
        for (const code of codes) expect([...statuses], `${route}: ${status} ${code}`).toContain(`${status} ${code}`);
      }
    }
  });
});
