import pg from "pg";
import { z } from "zod";
import type { Prisma } from "@prisma/client";
import { poolOf, type Queryable } from "./db.server";

/*
 * Raw SQL, typed. Each statement is defined once, in its feature's queries.server.ts, with a zod
 * parser for its rows, and runs as a function `(db, ...args) => Promise<Row[]>`:
 * - on a full client, through pg with a named prepared statement on the pool Prisma uses, so
 *   PostgreSQL parses and plans it once per connection (ADR 009: a fraction of the cost of a
 *   Prisma raw query, which the autosave and the dashboard need);
 * - on a transaction's client, through Prisma on the transaction's connection.
 * The two paths return different JavaScript types for the same column (a `timestamp` is a Date
 * read as local time by pg and a correct Date by Prisma; a bigint count is a string or a BigInt);
 * the row parsers below make them one: both paths give the same rows, which a test checks for
 * every statement.
 */

// The pool path hands timestamps and dates to the row parsers as PostgreSQL's text, which says
// what it means (no zone: UTC, as Prisma writes them); pg's own parser would read a `timestamp`
// as local time.
const AS_TEXT = new Set([1082 /* date */, 1114 /* timestamp */, 1184 /* timestamptz */]);
const keepText = (value: string) => value;
const poolTypes = {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- pg's type parsers are untyped
  getTypeParser: (oid: number, format?: "text" | "binary") => (AS_TEXT.has(oid) ? keepText : pg.types.getTypeParser(oid, format)),
};

// PostgreSQL's text for date, timestamp and timestamptz: "2026-11-25", "2026-11-25 09:30:00.123", "…+00", "…-03:30".
const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?))?(?:(Z)|([+-]\d{2}):?(\d{2})?)?$/;

function timestampFrom(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== "string") return undefined;
  const match = PG_TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, day, time, , zoneHours, zoneMinutes] = match;
  const date = new Date(`${day}T${time ?? "00:00:00"}${zoneHours ? `${zoneHours}:${zoneMinutes ?? "00"}` : "Z"}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

// One transform rather than a union of the two paths' types: row parsing sits on the autosave's path.

/** A timestamp column: a Date from either path; text without a zone is UTC. */
export const sqlTimestamp = z.unknown().transform((value, ctx): Date => {
  const date = timestampFrom(value);
  if (date) return date;
  ctx.addIssue({ code: "custom", message: `Not a timestamp: ${String(value)}` });
  return z.NEVER;
});

/** A count or any integer column: a number from either path (pg reads bigint as text, Prisma as BigInt). */
export const sqlInteger = z.unknown().transform((value, ctx): number => {
  const number = typeof value === "number" ? value : typeof value === "bigint" || (typeof value === "string" && /^-?\d+$/.test(value)) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(number)) return number;
  ctx.addIssue({ code: "custom", message: `Not a safe integer: ${String(value)}` });
  return z.NEVER;
});

/**
 * A json or jsonb column (or a JSON value built in the statement): PostgreSQL stores and sends
 * only valid JSON, and both paths hand it over already parsed, so there is nothing to check here.
 * (`z.json()` would walk every nested value of it again; on the mission page that is each step's
 * notes and each attempt's snapshot, on every request.) What the value must look like is checked
 * by the code that reads it (readSubtaskState, readSnapshot, the review's stored shapes).
 */
export const sqlJson = z.custom<Prisma.JsonValue>(() => true);

export type SqlParameter = string | number | boolean | null | Date | readonly string[] | readonly number[];

/** Parameters go out the same way on both paths: a Date as its ISO string (UTC), never local time. */
function parameter(value: SqlParameter): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

export interface QueryDefinition<Args extends unknown[], Row extends z.ZodType> {
  /** The prepared statement's name, unique in the process: `mxp.<what>`. */
  name: string;
  /** The SQL, with $1, $2, … for the values. */
  text: string;
  /** The values of $1, $2, … from the function's arguments. */
  values: (...args: Args) => readonly SqlParameter[];
  /** Parses one row; the function's rows are its output. */
  row: Row;
}

export interface Query<Args extends unknown[], Row> {
  (db: Queryable, ...args: Args): Promise<Row[]>;
  readonly statement: { readonly name: string; readonly text: string };
}

// Every statement defined in this process, by name: pg refuses one name with two texts on a
// connection, so a clash fails at start-up instead. On globalThis because the server entry and the
// Remix bundle are two module copies that define the same statements.
const STATEMENTS = Symbol.for("mxp.sql.statements");
const holder = globalThis as unknown as { [STATEMENTS]?: Map<string, string> };
const statements: Map<string, string> = (holder[STATEMENTS] ??= new Map<string, string>());

/** The names of every statement defined so far. */
export function definedStatements(): string[] {
  return [...statements.keys()];
}

export function defineQuery<Args extends unknown[], Row extends z.ZodType>(definition: QueryDefinition<Args, Row>): Query<Args, z.output<Row>> {
  const { name, text } = definition;
  const known = statements.get(name);
  if (known !== undefined && known !== text) throw new Error(`Two SQL statements are named ${name}: give each its own name.`);
  statements.set(name, text);
  const rows = z.array(definition.row);
  const query = async (db: Queryable, ...args: Args): Promise<z.output<Row>[]> => {
    const values = definition.values(...args).map(parameter);
    const pool = poolOf(db);
    const raw: unknown = pool ? (await pool.query({ name, text, values, types: poolTypes })).rows : await db.$queryRawUnsafe(text, ...values);
    const parsed = rows.safeParse(raw);
    if (!parsed.success) throw new Error(`The rows of ${name} do not match its row parser: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
    return parsed.data;
  };
  return Object.assign(query, { statement: { name, text } });
}

/**
 * A list of domain constants as SQL literals, for a statement's text built at module load (the
 * text stays constant, so it stays one prepared statement): `IN (${sqlLiterals(EDITABLE_STATUSES)})`.
 * Only plain identifiers are accepted, so nothing here can be an injection.
 */
export function sqlLiterals(values: readonly string[]): string {
  if (values.length === 0) throw new Error("An SQL list needs at least one value.");
  return values
    .map((value) => {
      if (!/^[A-Za-z0-9_]+$/.test(value)) throw new Error(`Not a plain constant for SQL: ${value}`);
      return `'${value}'`;
    })
    .join(", ");
}
