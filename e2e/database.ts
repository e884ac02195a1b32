import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import type { Role } from "~/domain/roles";
import { serverStateFile, type ServerState } from "./server-state";

// The tests' window on the test server's database: the e-mails it "sent", and the setup no page
// offers (nothing in the app makes a mentor out of a new account).

let pool: pg.Pool | undefined;

/** The test server's database (e2e/serve.ts says where it is once the app is up). */
async function database(page: Page): Promise<pg.Pool> {
  if (pool) return pool;
  const file = serverStateFile(new URL(page.url()).port);
  await expect.poll(() => fs.existsSync(file), { message: `the test server's ${file}`, timeout: 10_000 }).toBe(true);
  const { databaseUrl } = JSON.parse(fs.readFileSync(file, "utf8")) as ServerState;
  pool ??= new pg.Pool({ connectionString: databaseUrl, max: 2, allowExitOnIdle: true });
  return pool;
}

/** The texts of the e-mails sent to `to`, newest first. */
export async function mailTo(page: Page, to: string): Promise<{ subject: string; text: string }[]> {
  const { rows } = await (await database(page)).query<{ subject: string; text: string }>(`SELECT subject, text FROM "EmailOutbox" WHERE "to" = $1 ORDER BY "createdAt" DESC`, [to]);
  return rows;
}

/**
 * The path (with its token) of the newest link to `path` e-mailed to `to`, to open with
 * page.goto: the e-mail is written with the answer that promises it, so it is there already.
 */
export async function linkMailedTo(page: Page, to: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+${path}\\?token=\\S+`);
  const link = (await mailTo(page, to)).map((email) => pattern.exec(email.text)?.[0]).find(Boolean);
  expect(link, `a ${path} link e-mailed to ${to}`).toBeTruthy();
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}

/** Gives an account another role, as an operator would in the database. */
export async function setRole(page: Page, email: string, role: Role): Promise<void> {
  const { rowCount } = await (await database(page)).query(`UPDATE "User" SET role = $2 WHERE email = $1`, [email, role]);
  expect(rowCount, `an account for ${email}`).toBe(1);
}
