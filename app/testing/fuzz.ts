import fc from "fast-check";
import { PROFILER_QUESTIONS } from "~/domain/profiler";

/*
 * Bad input for every way in: each REST v1 operation (read from the OpenAPI document), each tRPC
 * procedure (from the app router) and each page action. Inputs start from a plausible request
 * (real ids of the caller's own records, so they get past the auth and lookup checks and reach
 * the services and the database) and break one part of it: text PostgreSQL cannot store, numbers
 * beyond its integer columns, wrong types, odd ids and keys, deep or malformed JSON, broken forms.
 * Every answer must be the sender's mistake (4xx) or a success, never a 5xx.
 */

/** Records of the signed-in caller, so that generated requests reach the services. */
export interface FuzzKnownValues {
  missionId: string;
  progressId: string;
  subtaskId: string;
  fileId?: string;
  /** The progress's version when fuzzing starts; later versions are read from the answers. */
  version?: number;
  /** The caller's own e-mail and password, so that log-ins get past the password check. */
  credentials?: { email: string; password: string };
  /** For an administrator: a mission to edit, the track new missions join and a skill a mission may name. */
  missionSlug?: string;
  trackSlug?: string;
  skillKey?: string;
}

/** One request, as sent over HTTP or handed to a page action. */
export interface FuzzRequest {
  /** Which operation it exercises, e.g. `REST PATCH /mission-progress/{progressId}`. */
  operation: string;
  method: string;
  /** Path and query, from the site's root. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** Sends a request and answers its status and body. */
export type FuzzTransport = (request: FuzzRequest) => Promise<{ status: number; body: string }>;

export interface FuzzFailure {
  operation: string;
  method: string;
  path: string;
  body: string;
  status: number;
  answer: string;
}

export interface FuzzResult {
  tried: number;
  fiveHundreds: number;
  /** The first answers that were 5xx, to show what to fix. */
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  /** The server's address; its REST document is read from `/api/v1/openapi.json`. */
  baseUrl: string;
  /** The signed-in student's session token, sent as a bearer token to the APIs and as the cookie to pages. */
  token: string;
  known: FuzzKnownValues;
  /** tRPC procedures to exercise (see trpcProceduresOf); none when left out. */
  procedures?: readonly TrpcProcedure[];
  /** How page actions are reached: over HTTP at baseUrl (a server with the pages built), another transport, or not at all. */
  pages?: "http" | FuzzTransport | false;
  /** Which operations to exercise, by name (e.g. `REST GET /admin/missions`, `tRPC academy.missions`, `page action /dashboard/admin/academy`); all when left out. */
  only?: (operation: string) => boolean;
  /** Generated inputs per operation. */
  runsPerOperation?: number;
  seed?: number;
}

/** A tRPC procedure as the fuzzer needs it: its path, kind and input field names. */
export interface TrpcProcedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  fields: string[];
}

/**
 * The procedures of a tRPC router, with the field names of their object inputs. Takes the router
 * rather than importing it, so that this module stays free of the server's module graph.
 */
export function trpcProceduresOf(router: { _def: { procedures: object } }): TrpcProcedure[] {
  return Object.entries(router._def.procedures as Record<string, { _def: { type: TrpcProcedure["type"]; inputs: unknown[] } }>).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    fields: procedure._def.inputs.flatMap((input) => objectKeys(input)),
  }));
}

/** The keys of a zod object schema, looking through optional, default and similar wrappers. */
function objectKeys(schema: unknown, depth = 0): string[] {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown } } })?._zod?.def;
  if (!def || depth > 5) return [];
  if (def.type === "object" && def.shape) return Object.keys(def.shape);
  if (def.innerType) return objectKeys(def.innerType, depth + 1);
  if (def.in) return objectKeys(def.in, depth + 1);
  return [];
}

/** What the fuzzer learns while it runs: the progress's current version moves with every save. */
interface FuzzState {
  known: FuzzKnownValues;
  version: number;
  sent: number;
}

/**
 * A value decided when its request is sent: the progress's current version (so that a save gets
 * past the version check and reaches the database) or a fresh e-mail address (so that a sign-up
 * gets past the check for an existing account).
 */
class Live {
  constructor(readonly kind: "version" | "fresh-email") {}
  resolve(state: FuzzState): string | number {
    return this.kind === "version" ? state.version : `fuzz-${state.sent}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  }
}
const CURRENT_VERSION = new Live("version");
const FRESH_EMAIL = new Live("fresh-email");

function toJson(value: unknown, state: FuzzState): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof Live ? item.resolve(state) : item));
}

/* ------------------------------------------------------------------------------------------ */
/* Generators                                                                                 */
/* ------------------------------------------------------------------------------------------ */

const INT4_MAX = 2 ** 31 - 1;

/** Text PostgreSQL refuses (NUL) or cannot encode (half of a surrogate pair), somewhere in ordinary text. */
export const unstorableText = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\uD800", "\uDFFF", "\uDBFF", "a\u0000", "\uDC00\uD800"), fc.string({ maxLength: 8 }))
  .map(([before, bad, after]) => before + bad + after);

/** Ids and path segments a person or a script might send. */
export const oddIds = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "..",
    "../../etc/passwd",
    "%00",
    "\u0000",
    "\uD800",
    "' OR 1=1 --",
    '"; DROP TABLE "User"; --',
    "\\",
    "😀",
    "a/b",
    "null",
    "undefined",
    "0",
    "-1",
    "2147483648",
    "__proto__",
    "constructor",
    "x".repeat(65),
    "x".repeat(5000),
  ),
  fc.string({ unit: "binary", maxLength: 70 }),
  unstorableText,
);

/** Numbers just past what the columns hold, and numbers JSON cannot carry. */
export const oddNumbers = fc.oneof(
  fc.constantFrom(INT4_MAX + 1, -INT4_MAX - 2, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 0, -0, -1, 0.5, 1.000001, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true }),
);

/** Values of the wrong type or shape. */
export const oddValues: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}, [null], { "": "" }, { __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.constantFrom("2147483648", "1e999", "NaN", "-0", "true", "[object Object]"),
  fc.string({ maxLength: 20 }),
  fc.constant("long text ".repeat(6000)),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 150 }),
  fc.integer({ min: 1, max: 200 }).map((depth) => nest(depth)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Any bad value: unstorable text, odd ids, odd numbers or the wrong type. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(unstorableText, oddIds, oddNumbers, oddValues);

function nest(depth: number): unknown {
  let value: unknown = "deep";
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

/** What a careless or hostile client adds to an ordinary value: line breaks, tabs, NUL, broken or foreign characters, other sites. */
export const ODD_AFFIXES = ["\r\n", "\n", "\t", "\u0000", "\uD800", "\uDFFF", "é", "😀", "\u2028", " ", "%0d%0a", "//evil.example", "\\evil.example", "/../..", "?x=\u0000"];
const oddAffixes = fc.constantFrom(...ODD_AFFIXES);

/** Keys a client might send instead of, or besides, the expected ones. */
const oddKeys = fc.oneof(oddIds, fc.constantFrom("__proto__", "constructor", "prototype", "toString"));

/** A bad value that fits what it replaces: mostly odd numbers for a number, odd text for text. */
function badFor(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === "number" || value === CURRENT_VERSION) {
    return fc.oneof({ weight: 4, arbitrary: oddNumbers }, { weight: 1, arbitrary: fc.constantFrom("2147483648", "1e999", "-1", "1.5") }, { weight: 1, arbitrary: badValue });
  }
  if (typeof value === "string" || value instanceof Live) {
    const text = typeof value === "string" ? value : "x";
    return fc.oneof(
      { weight: 3, arbitrary: unstorableText },
      { weight: 3, arbitrary: fc.tuple(oddAffixes, fc.boolean()).map(([affix, before]) => (before ? affix + text : text + affix)) },
      { weight: 2, arbitrary: oddIds },
      { weight: 1, arbitrary: badValue },
    );
  }
  return badValue;
}

/**
 * A plausible value for a field, as a student's client would send it. Generated requests start
 * from these and break one part.
 */
export function plausibleValue(field: string, known: FuzzKnownValues): unknown {
  switch (field) {
    case "missionId":
      return known.missionId;
    case "progressId":
      return known.progressId;
    case "subtaskId":
      return known.subtaskId;
    case "fileId":
      return known.fileId ?? "no-such-file";
    case "version":
      return CURRENT_VERSION;
    case "subtasks":
      return { [known.subtaskId]: { notes: "Checked the proxy logs.", completed: false } };
    case "notes":
      return "Checked the proxy logs.";
    case "completed":
      return false;
    case "reflection":
      return "I followed the beacon to its domain and traced the first callback to a phishing e-mail.";
    case "ids":
      return ["no-such-notification"];
    case "limit":
      return 5;
    case "answers":
      return Object.fromEntries(PROFILER_QUESTIONS.map((question) => [question.id, 2]));
    case "tracks":
      return ["no-such-track"];
    case "email":
      return known.credentials?.email ?? "fuzz@example.test";
    case "password":
      return known.credentials?.password ?? "not the password";
    case "name":
      return "Fuzz Tester";
    case "track":
      return known.trackSlug ?? "";
    case "slug":
      return known.missionSlug ?? "no-such-mission";
    case "editor":
      return plausibleEditor(known);
    case "published":
      return true;
    case "difficulty":
      return "BEGINNER";
    case "show":
      return "all";
    default:
      return "x";
  }
}

/** A complete mission as the editor holds it (numbers as typed), naming the caller's known track and skill. */
function plausibleEditor(known: FuzzKnownValues) {
  const skill = known.skillKey ?? "no-such-skill";
  return {
    track: known.trackSlug ?? "no-such-track",
    title: "Fuzzed mission",
    summary: "Find the beacon.",
    story: "A host **calls home**.",
    objectives: ["Find the beacon"],
    successCriteria: ["The domain is named"],
    difficulty: "BEGINNER",
    tierRequired: "FREE",
    isCapstone: false,
    estimatedMinutes: "45",
    passThreshold: "70",
    prerequisites: [] as string[],
    skills: [{ skill, weight: "1" }],
    subtasks: [{ title: "Capture", instructions: "Record the traffic.", evidenceRequired: true, evidenceKinds: ["pcap"] }],
    rubric: [
      {
        key: "evidence",
        title: "Evidence",
        description: "The capture shows the beacon.",
        weight: "1",
        maxScore: "1",
        levels: [
          { score: 0, label: "Missing", description: "No capture." },
          { score: 1, label: "Shown", description: "The capture shows it." },
        ],
      },
    ],
    recipes: [{ title: "Reading a capture", skill, minutes: "15", url: "https://example.org/guide" }],
  };
}

/** The editor's form fields for a plausible mission: field paths as input names, as the page's form sends them. */
function editorFormFields(known: FuzzKnownValues): Record<string, unknown> {
  const editor = plausibleEditor(known);
  const [subtask] = editor.subtasks;
  const [criterion] = editor.rubric;
  const [recipe] = editor.recipes;
  return {
    track: editor.track,
    title: editor.title,
    summary: editor.summary,
    story: editor.story,
    objectives: editor.objectives.join("\n"),
    successCriteria: editor.successCriteria.join("\n"),
    difficulty: editor.difficulty,
    tierRequired: editor.tierRequired,
    estimatedMinutes: editor.estimatedMinutes,
    passThreshold: editor.passThreshold,
    prerequisites: editor.prerequisites,
    "skills.0.skill": editor.skills[0]!.skill,
    "skills.0.weight": editor.skills[0]!.weight,
    "subtasks.0.title": subtask!.title,
    "subtasks.0.instructions": subtask!.instructions,
    "subtasks.0.evidenceRequired": "on",
    "subtasks.0.evidenceKinds": subtask!.evidenceKinds,
    "rubric.0.key": criterion!.key,
    "rubric.0.title": criterion!.title,
    "rubric.0.description": criterion!.description,
    "rubric.0.weight": criterion!.weight,
    "rubric.0.maxScore": criterion!.maxScore,
    "rubric.0.levels.0.label": criterion!.levels[0]!.label,
    "rubric.0.levels.0.description": criterion!.levels[0]!.description,
    "rubric.0.levels.1.label": criterion!.levels[1]!.label,
    "rubric.0.levels.1.description": criterion!.levels[1]!.description,
    "recipes.0.title": recipe!.title,
    "recipes.0.skill": recipe!.skill,
    "recipes.0.minutes": recipe!.minutes,
    "recipes.0.url": recipe!.url,
  };
}

type Path = readonly (string | number)[];

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Live);

/** Every place in a value (the value itself first), to choose one to break. */
function placesIn(value: unknown, path: Path = []): Path[] {
  const children = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : isRecord(value) ? Object.entries(value) : [];
  return [path, ...children.flatMap(([key, child]) => (path.length < 4 ? placesIn(child, [...path, key]) : []))];
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

/** Sets a property as data, also for keys such as `__proto__` that an assignment would treat specially. */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** A copy of the value with `change` applied to the container at `path` (copied, never the original). */
function changedAt(value: unknown, path: Path, change: (container: Record<string | number, unknown>) => void): unknown {
  const copy = (Array.isArray(value) ? [...value] : Object.defineProperties({}, Object.getOwnPropertyDescriptors(value))) as Record<string | number, unknown>;
  if (path.length === 0) change(copy);
  else define(copy, path[0]!, changedAt(copy[path[0]!], path.slice(1), change));
  return copy;
}

function replacedAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  return changedAt(value, path.slice(0, -1), (container) => define(container, path.at(-1)!, replacement));
}

function renamedAt(value: unknown, path: Path, key: string): unknown {
  const last = path.at(-1)!;
  return changedAt(value, path.slice(0, -1), (container) => {
    const child = container[last];
    delete container[last];
    define(container, key, child);
  });
}

/**
 * The plausible value with exactly one fault, so that the fault is what the server meets: one
 * place replaced by a bad value that fits it, one key renamed to an odd one, or an odd key added.
 */
export function withOneFault(plausible: unknown): fc.Arbitrary<unknown> {
  const places = placesIn(plausible);
  const keyed = places.filter((path) => typeof path.at(-1) === "string");
  const records = places.filter((path) => isRecord(valueAt(plausible, path)));
  const faults: fc.WeightedArbitrary<unknown>[] = [
    { weight: 6, arbitrary: fc.constantFrom(...places).chain((path) => badFor(valueAt(plausible, path)).map((bad) => replacedAt(plausible, path, bad))) },
  ];
  if (keyed.length) faults.push({ weight: 2, arbitrary: fc.tuple(fc.constantFrom(...keyed), oddKeys).map(([path, key]) => renamedAt(plausible, path, key)) });
  if (records.length) {
    faults.push({
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...records), oddKeys, badValue).map(([path, key, bad]) => changedAt(plausible, path, (record) => define(record, key, bad))),
    });
  }
  return fc.oneof(...faults);
}

/** The plausible input of an operation with these fields, with one fault. */
function faultyInput(fields: readonly string[], known: FuzzKnownValues): fc.Arbitrary<unknown> {
  return withOneFault(fields.length ? Object.fromEntries(fields.map((field) => [field, plausibleValue(field, known)])) : undefined);
}

/** Bodies that are not JSON, or not what a JSON endpoint reads. */
export const malformedJsonBodies: { contentType: string; body: string | Uint8Array<ArrayBuffer> }[] = [
  { contentType: "application/json", body: "{" },
  { contentType: "application/json", body: '{"version": 1,' },
  { contentType: "application/json", body: "{'single': 'quotes'}" },
  { contentType: "application/json", body: "\u0000" },
  { contentType: "application/json", body: '{"notes": "\u0000"}' },
  { contentType: "application/json", body: '{"version": 1e400}' },
  { contentType: "application/json", body: '{"version": 123456789012345678901234567890}' },
  { contentType: "application/json", body: "[]" },
  { contentType: "application/json", body: "null" },
  { contentType: "application/json", body: '"text"' },
  { contentType: "application/json", body: "[".repeat(20_000) + "]".repeat(20_000) },
  { contentType: "application/json", body: `{"a":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}` },
  { contentType: "application/json", body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]) },
  { contentType: "application/json; charset=utf-16", body: '{"a":1}' },
  { contentType: "text/plain", body: "hello" },
  { contentType: "application/x-www-form-urlencoded", body: "version=1&notes=%00" },
  { contentType: "multipart/form-data", body: "--x\r\n" },
  { contentType: "multipart/form-data; boundary=x", body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000' },
];

/** Form bodies a page action may be sent: broken multipart and urlencoded bodies, and other types. */
export const malformedFormBodies: { contentType: string; body: string | Uint8Array<ArrayBuffer> }[] = [
  { contentType: "multipart/form-data", body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--' },
  { contentType: "multipart/form-data; boundary=x", body: "not multipart at all" },
  { contentType: "multipart/form-data; boundary=x", body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated' },
  { contentType: "multipart/form-data; boundary=x", body: "--x\r\nbroken header line\r\n\r\nvalue\r\n--x--\r\n" },
  { contentType: "multipart/form-data; boundary=", body: "----\r\n" },
  { contentType: 'multipart/form-data; boundary="x', body: "--x--" },
  { contentType: "multipart/form-data; boundary=x", body: new Uint8Array([0x2d, 0x2d, 0x78, 0x0d, 0x0a, 0xff, 0xfe, 0x00]) },
  { contentType: "application/x-www-form-urlencoded", body: "a=%E0%A4%A&b=%" },
  { contentType: "application/x-www-form-urlencoded", body: "%%%&&&===" },
  { contentType: "application/x-www-form-urlencoded", body: new Uint8Array([0x61, 0x3d, 0xff, 0xfe, 0x00]) },
  { contentType: "application/x-www-form-urlencoded; charset=utf-16", body: "a=b" },
  { contentType: "application/json", body: '{"intent":"save"}' },
  { contentType: "text/plain", body: "intent=start" },
  { contentType: "application/octet-stream", body: new Uint8Array([0, 1, 2, 3]) },
];

/** Percent-encoding that also carries half surrogates (as the bytes a careless encoder would write). */
function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((char) => {
        try {
          return encodeURIComponent(char);
        } catch {
          const unit = char.charCodeAt(0);
          return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join("");
        }
      })
      .join("");
  }
}

/** How a value reads as a form field or query parameter. */
function fieldText(value: unknown, state: FuzzState): string {
  if (typeof value === "string") return value;
  if (value instanceof Live) return String(value.resolve(state));
  if (value === undefined) return "";
  if (typeof value === "object") return toJson(value, state);
  return typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

function urlencoded(fields: Record<string, unknown>, state: FuzzState): string {
  return Object.entries(fields)
    .flatMap(([key, value]) => (Array.isArray(value) ? value.map((item: unknown) => [key, item] as const) : [[key, value] as const]))
    .map(([key, value]) => `${encodeComponent(key)}=${encodeComponent(fieldText(value, state))}`)
    .join("&");
}

/* ------------------------------------------------------------------------------------------ */
/* Operations                                                                                 */
/* ------------------------------------------------------------------------------------------ */

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface JsonSchema {
  $ref?: string;
  properties?: Record<string, unknown>;
}

/** A REST operation of the document: its method, path template and field names by place. */
export interface RestOperation {
  method: string;
  template: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
  /** The body is a multipart form (the evidence upload), not JSON. */
  multipart: boolean;
}

export function restOperationsOf(document: OpenApiDocument): RestOperation[] {
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined =>
    schema?.$ref ? document.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")] : schema;
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, operation]) => {
        const content = operation.requestBody?.content ?? {};
        const schema = resolve(content["application/json"]?.schema ?? content["multipart/form-data"]?.schema);
        return {
          method: method.toUpperCase(),
          template,
          pathParams: (operation.parameters ?? []).filter((parameter) => parameter.in === "path").map((parameter) => parameter.name),
          queryParams: (operation.parameters ?? []).filter((parameter) => parameter.in === "query").map((parameter) => parameter.name),
          bodyFields: Object.keys(schema?.properties ?? {}),
          multipart: Boolean(content["multipart/form-data"]),
        };
      }),
  );
}

/** A request to send, built when it is sent (it may use what the fuzzer learnt by then). */
interface PlannedRequest {
  operation: string;
  build: (state: FuzzState) => FuzzRequest;
}

interface PlanSettings {
  token: string;
  known: FuzzKnownValues;
  seed: number;
  runs: number;
  baseUrl: string;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

function restPlan(operation: RestOperation, settings: PlanSettings): PlannedRequest[] {
  const { known } = settings;
  const name = `REST ${operation.method} ${operation.template}`;
  const auth = { Authorization: `Bearer ${settings.token}` };
  const pathOf = (params: Record<string, unknown>, state: FuzzState) =>
    "/api/v1" +
    operation.template.replace(/\{(\w+)\}/g, (_match, param: string) => encodeComponent(fieldText(param in params ? params[param] : plausibleValue(param, known), state)));
  const fields = [...operation.pathParams, ...operation.queryParams, ...operation.bodyFields];
  const inputs = fc.sample(faultyInput(fields, known), { seed: settings.seed, numRuns: settings.runs });
  const plan = inputs.map((input): PlannedRequest => ({
    operation: name,
    build: (state) => {
      const record = isRecord(input) ? input : {};
      const path = pathOf(record, state);
      if (!BODY_METHODS.has(operation.method)) {
        const query = Object.fromEntries(Object.entries(record).filter(([key]) => !operation.pathParams.includes(key)));
        const search = Object.keys(query).length ? `?${urlencoded(query, state)}` : "";
        return { operation: name, method: operation.method, path: path + search, headers: auth };
      }
      const fieldsOnly = Object.fromEntries(Object.entries(record).filter(([key]) => !operation.pathParams.includes(key)));
      if (operation.multipart) {
        const boundary = "fuzz-boundary";
        const parts = Object.entries(fieldsOnly).map(
          ([key, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${key}"${key === "file" ? `; filename="${fieldText(value, state)}"` : ""}\r\n\r\n${fieldText(value, state)}\r\n`,
        );
        return {
          operation: name,
          method: operation.method,
          path,
          headers: { ...auth, "Content-Type": `multipart/form-data; boundary=${boundary}` },
          body: `${parts.join("")}--${boundary}--\r\n`,
        };
      }
      const body = toJson(isRecord(input) ? fieldsOnly : input, state);
      return { operation: name, method: operation.method, path, headers: { ...auth, "Content-Type": "application/json" }, ...(body === undefined ? {} : { body }) };
    },
  }));
  // Path segments that are not even text, and bodies that are not JSON.
  for (const param of operation.pathParams) {
    for (const segment of ["%00", "%ED%A0%80", "%E0%A4%A", "%", "%2F..%2F", "%0D%0A", "x".repeat(3000), "%F0%9F%98%80", "'%20OR%201=1"]) {
      plan.push({
        operation: name,
        build: (state) => ({
          operation: name,
          method: operation.method,
          path:
            "/api/v1" +
            operation.template.replace(/\{(\w+)\}/g, (_match, other: string) => (other === param ? segment : encodeComponent(fieldText(plausibleValue(other, known), state)))),
          headers: auth,
        }),
      });
    }
  }
  if (BODY_METHODS.has(operation.method)) {
    for (const { contentType, body } of malformedJsonBodies) {
      plan.push({
        operation: name,
        build: (state) => ({ operation: name, method: operation.method, path: pathOf({}, state), headers: { ...auth, "Content-Type": contentType }, body }),
      });
    }
  }
  return plan;
}

function trpcPlan(procedure: TrpcProcedure, settings: PlanSettings): PlannedRequest[] {
  if (procedure.type === "subscription") return [];
  const name = `tRPC ${procedure.path}`;
  const auth = { Authorization: `Bearer ${settings.token}` };
  const at = `/api/trpc/${procedure.path}`;
  const inputs = fc.sample(faultyInput(procedure.fields, settings.known), { seed: settings.seed, numRuns: settings.runs });
  const plan = inputs.map((input): PlannedRequest => ({
    operation: name,
    build: (state) => {
      const json = toJson(input, state) as string | undefined;
      if (procedure.type === "query") return { operation: name, method: "GET", path: json === undefined ? at : `${at}?input=${encodeURIComponent(json)}`, headers: auth };
      return { operation: name, method: "POST", path: at, headers: { ...auth, "Content-Type": "application/json" }, ...(json === undefined ? {} : { body: json }) };
    },
  }));
  const raw: FuzzRequest[] =
    procedure.type === "query"
      ? [
          ...["%7B", "%00", "%ED%A0%80", "null", "%5B%5D", encodeURIComponent("[".repeat(5000) + "]".repeat(5000))].map((input) => ({
            operation: name,
            method: "GET",
            path: `${at}?input=${input}`,
            headers: auth,
          })),
          { operation: name, method: "GET", path: `${at},${procedure.path}?batch=1&input=${encodeURIComponent('{"0":null,"1":{"x":"\\u0000"}}')}`, headers: auth },
          { operation: name, method: "GET", path: `${at}?batch=1&input=%7B%22a%22`, headers: auth },
        ]
      : malformedJsonBodies.map(({ contentType, body }) => ({ operation: name, method: "POST", path: at, headers: { ...auth, "Content-Type": contentType }, body }));
  return [...plan, ...raw.map((request) => ({ operation: name, build: () => request }))];
}

/** The pages with an action, and the fields their forms send. */
export function pageForms(known: FuzzKnownValues): { path: string; fields: Record<string, unknown> }[] {
  const mission = `/dashboard/student/missions/${encodeURIComponent(known.missionId)}`;
  const editor = `/dashboard/admin/academy/missions/${encodeURIComponent(known.missionSlug ?? "no-such-mission")}`;
  const editorFields = editorFormFields(known);
  return [
    { path: "/login", fields: { email: plausibleValue("email", known), password: plausibleValue("password", known), redirectTo: "/dashboard/student/missions" } },
    { path: "/login", fields: { intent: "code", code: "123456", redirectTo: "/dashboard/student/missions" } },
    { path: "/signup", fields: { name: "Fuzz Tester", email: FRESH_EMAIL, password: "a long enough passphrase" } },
    { path: "/forgot-password", fields: { email: plausibleValue("email", known) } },
    { path: "/reset-password", fields: { token: "a-made-up-reset-token-of-some-length", password: "a long enough passphrase" } },
    { path: "/verify-email", fields: { intent: "confirm", token: "a-made-up-confirmation-token" } },
    { path: "/verify-email", fields: { intent: "resend", email: plausibleValue("email", known) } },
    { path: "/dashboard?index", fields: { intent: "follow-track", track: "no-such-track" } },
    { path: "/dashboard/student/onboarding", fields: { ...(plausibleValue("answers", known) as Record<string, unknown>), tracks: ["no-such-track"] } },
    { path: "/dashboard/student/missions?index", fields: { missionId: known.missionId } },
    { path: mission, fields: { intent: "save", progressId: known.progressId, version: CURRENT_VERSION, subtaskId: known.subtaskId, notes: "Checked the logs.", completed: "on" } },
    { path: mission, fields: { intent: "submit", progressId: known.progressId, reflection: "Too short." } },
    { path: mission, fields: { intent: "start" } },
    { path: mission, fields: { intent: "mentor-review", progressId: known.progressId, reason: "Please look again.", disputedCriteria: ["no-such-criterion"] } },
    { path: "/dashboard/mentor/reviews?index", fields: { reviewId: known.progressId } },
    { path: `/dashboard/mentor/reviews/${encodeURIComponent(known.progressId)}`, fields: { intent: "complete", "score.evidence": "2", comments: "Fine.", decision: "approved" } },
    { path: `/dashboard/mentor/reviews/${encodeURIComponent(known.progressId)}`, fields: { intent: "claim" } },
    { path: "/dashboard/admin/mentors", fields: { mentorId: known.progressId, trackIds: ["no-such-track"] } },
    { path: "/dashboard/admin/billing", fields: { intent: "grant", email: plausibleValue("email", known), tier: "PREMIUM", reason: "Scholarship", endsOn: "2099-12-31" } },
    { path: "/dashboard/admin/billing", fields: { intent: "revoke", grantId: known.progressId } },
    { path: "/dashboard/admin/agreement", fields: { missionId: known.missionId, mentorConfirmsPasses: "true" } },
    { path: `/dashboard/admin/users/${encodeURIComponent(known.progressId)}`, fields: { role: "MENTOR" } },
    { path: "/dashboard/admin/academy?index", fields: { track: plausibleValue("track", known), title: "Fuzzed mission", slug: "fuzzed-mission" } },
    // Every button saves the whole form first: saving and publishing send all of it; the other
    // buttons a few fields each, to keep the number of requests (each a save) down.
    { path: editor, fields: { intent: "save", ...editorFields } },
    { path: editor, fields: { intent: "publish", ...editorFields } },
    { path: editor, fields: { intent: "add:rubric", title: "Fuzzed mission", "rubric.0.key": "evidence", "rubric.0.maxScore": "1" } },
    { path: editor, fields: { intent: "down:subtasks:0", "subtasks.0.title": "Capture", "subtasks.1.title": "Report" } },
    { path: editor, fields: { intent: "preview", previewTier: "PREMIUM", title: "Fuzzed mission" } },
    { path: editor, fields: { intent: "unpublish", title: "Fuzzed mission" } },
    { path: editor, fields: { intent: "republish", title: "Fuzzed mission" } },
    { path: editor, fields: { intent: "discard" } },
    { path: "/dashboard/admin/academy/markdown", fields: { markdown: "A host **calls home**:\n\n```\nbeacon.example\n```" } },
    {
      path: "/dashboard/admin/academy?index",
      fields: { intent: "new-track", slug: "fuzzed-track", title: "Fuzzed track", summary: "A track.", description: "Made by the fuzzer." },
    },
    {
      path: `/dashboard/admin/academy/tracks/${encodeURIComponent(known.trackSlug ?? "no-such-track")}`,
      fields: {
        intent: "save",
        title: "Fuzzed track",
        summary: "A track.",
        description: "Made by the fuzzer.",
        published: "on",
        missions: [known.missionSlug ?? "no-such-mission"],
      },
    },
    {
      path: `/dashboard/admin/academy/tracks/${encodeURIComponent(known.trackSlug ?? "no-such-track")}`,
      fields: { intent: "down:0", title: "Fuzzed track", summary: "S", description: "D" },
    },
    { path: "/dashboard/notifications", fields: {} },
    { path: "/dashboard/student/portfolio", fields: { intent: "handle", handle: "fuzz-handle" } },
    { path: "/dashboard/student/portfolio", fields: { intent: "visibility", itemId: known.progressId, isPublic: "true" } },
    { path: "/dashboard/student/portfolio", fields: { intent: "files", itemId: known.progressId, publicFileIds: [known.progressId] } },
    { path: "/dashboard/admin/operations", fields: { intent: "retry-review", submissionId: known.progressId } },
    { path: "/dashboard/admin/operations", fields: { intent: "retry-jobs", jobIds: ["1", "2"] } },
    { path: "/dashboard/admin/outbox", fields: { emailId: known.progressId } },
    { path: "/dashboard/account/email", fields: { email: "review-ready" } },
    { path: "/dashboard/account", fields: { currentPassword: "not the current password", newPassword: "a long enough passphrase" } },
    { path: "/dashboard/account", fields: { intent: "totp-start" } },
    { path: "/dashboard/account", fields: { intent: "totp-confirm", code: "123456" } },
    { path: "/dashboard/account", fields: { intent: "totp-disable", password: "not the password", code: "123456" } },
    { path: "/dashboard/account", fields: { intent: "recovery-codes", code: "123456" } },
    { path: "/billing/checkout", fields: { tier: "PREMIUM", returnTo: "/dashboard/student/missions" } },
    { path: "/billing/portal", fields: { returnTo: "/billing" } },
    { path: "/billing?index", fields: { intent: "change-plan", tier: "STARTER" } },
    { path: "/billing?index", fields: { intent: "cancel" } },
    { path: `/billing/test-checkout/${encodeURIComponent(known.progressId)}`, fields: { intent: "confirm" } },
    { path: "/logout", fields: {} },
  ];
}

function pagePlan(settings: PlanSettings): PlannedRequest[] {
  const headers = { Cookie: `mxp_session=${encodeURIComponent(settings.token)}`, Origin: new URL(settings.baseUrl).origin, "Sec-Fetch-Site": "same-origin" };
  return pageForms(settings.known).flatMap(({ path, fields }) => {
    const name = `page action ${path.split("?")[0]!.replace(encodeURIComponent(settings.known.missionId), ":id")}`;
    const forms = fc.sample(withOneFault(Object.keys(fields).length ? fields : { x: "x" }), { seed: settings.seed, numRuns: settings.runs });
    const plan = forms.map((form): PlannedRequest => ({
      operation: name,
      build: (state) => ({
        operation: name,
        method: "POST",
        path,
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: urlencoded(isRecord(form) ? form : { value: form }, state),
      }),
    }));
    // Every text field with every odd affix, whatever the random faults above happened to pick:
    // form values end up in headers (a redirect's Location) as well as in the database. Affix by
    // affix, so that a log-in with the right password comes between two wrong ones (a success
    // clears the account's throttle).
    const textFields = Object.keys(fields).filter((field) => typeof fields[field] === "string");
    for (const affix of ODD_AFFIXES) {
      for (const field of textFields) {
        const form = { ...fields, [field]: `${fields[field] as string}${affix}` };
        plan.push({
          operation: name,
          build: (state) => ({
            operation: name,
            method: "POST",
            path,
            headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
            body: urlencoded(form, state),
          }),
        });
      }
    }
    for (const { contentType, body } of malformedFormBodies) {
      plan.push({ operation: name, build: () => ({ operation: name, method: "POST", path, headers: { ...headers, "Content-Type": contentType }, body }) });
    }
    return plan;
  });
}

/** Ending the caller's session is exercised last, so that every other operation runs signed in. */
const endsSession = (operation: string) => /logout|logOut/.test(operation);

/** Every request the fuzzer sends for these options, in order (the session ends last). */
async function fuzzPlan(options: FuzzOptions): Promise<PlannedRequest[]> {
  const settings: PlanSettings = { token: options.token, known: options.known, seed: options.seed ?? 20_240_601, runs: options.runsPerOperation ?? 40, baseUrl: options.baseUrl };
  const documentAnswer = await fetch(new URL("/api/v1/openapi.json", options.baseUrl));
  if (!documentAnswer.ok) throw new Error(`The OpenAPI document answered ${documentAnswer.status}`);
  const operations = restOperationsOf((await documentAnswer.json()) as OpenApiDocument);
  const plan = [
    ...(options.pages ? pagePlan(settings) : []),
    ...operations.flatMap((operation) => restPlan(operation, settings)),
    ...(options.procedures ?? []).flatMap((procedure) => trpcPlan(procedure, settings)),
  ].filter((request) => options.only?.(request.operation) ?? true);
  return [...plan.filter((request) => !endsSession(request.operation)), ...plan.filter((request) => endsSession(request.operation))];
}

/** The progress's version in an answer (a save, a read, or a version conflict), if the answer is about the caller's progress. */
function versionIn(answer: string, progressId: string): number | undefined {
  let body: unknown;
  try {
    body = JSON.parse(answer);
  } catch {
    return undefined;
  }
  const b = body as {
    id?: unknown;
    version?: unknown;
    details?: { current?: { id?: unknown; version?: unknown } };
    result?: { data?: { id?: unknown; version?: unknown } };
    error?: { details?: { current?: { id?: unknown; version?: unknown } }; data?: { details?: { current?: { id?: unknown; version?: unknown } } } };
  } | null;
  for (const candidate of [b, b?.details?.current, b?.result?.data, b?.error?.details?.current, b?.error?.data?.details?.current]) {
    if (candidate?.id === progressId && typeof candidate.version === "number") return candidate.version;
  }
  return undefined;
}

/** Sends a request over HTTP to the server at baseUrl. */
export function httpTransport(baseUrl: string): FuzzTransport {
  return async (request) => {
    const answer = await fetch(new URL(request.path, baseUrl), { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
    return { status: answer.status, body: await answer.text() };
  };
}

/**
 * Sends every generated request and counts the answers that were 5xx. The APIs are reached over
 * HTTP at baseUrl; page actions as `options.pages` says.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const http = httpTransport(options.baseUrl);
  const pages = options.pages === "http" || !options.pages ? http : options.pages;
  const state: FuzzState = { known: options.known, version: options.known.version ?? 1, sent: 0 };
  const result: FuzzResult = { tried: 0, fiveHundreds: 0, failures: [] };
  for (const planned of await fuzzPlan(options)) {
    const request = planned.build(state);
    const send = request.operation.startsWith("page action") ? pages : http;
    let answer: { status: number; body: string };
    try {
      answer = await send(request);
    } catch (error) {
      // A transport that throws (a page action throwing something other than a Response) is a 500 in production.
      answer = { status: 500, body: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    state.sent++;
    result.tried++;
    state.version = versionIn(answer.body, options.known.progressId) ?? state.version;
    if (answer.status >= 500) {
      result.fiveHundreds++;
      if (result.failures.length < 50) {
        const body = typeof request.body === "string" ? request.body : request.body ? `<${request.body.byteLength} bytes>` : "";
        result.failures.push({
          operation: request.operation,
          method: request.method,
          path: request.path.slice(0, 300),
          body: body.slice(0, 300),
          status: answer.status,
          answer: answer.body.slice(0, 300),
        });
      }
    }
  }
  return result;
}
