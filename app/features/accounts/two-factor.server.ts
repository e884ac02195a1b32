import crypto from "node:crypto";
import { generateTOTP, getTOTPAuthUri, verifyTOTP } from "@epic-web/totp";
import QRCode from "qrcode";
import type { Role } from "~/domain/roles";
import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_WINDOW_MS } from "~/domain/login-throttle";
import type { Db, Prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { verifyPassword } from "./password.server";
import { hitRateLimit, rateLimited, resetRateLimit } from "./rate-limit.server";
import { disableTwoFactorInput, twoFactorCodeInput } from "./schemas";
import { logger } from "~/server/logger.server";
import { hashToken, newSessionToken } from "./session.server";

/** Who may turn two-step log-in on (ADR 022): the accounts that can change other people's work. */
export const TWO_FACTOR_ROLES: readonly Role[] = ["MENTOR", "ADMIN"];
export const TOTP_PERIOD_SECONDS = 30;
/** Codes from one step before and after now are accepted too: phone clocks drift. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** How long the second step of a log-in waits for its code, and how many wrong codes it takes. */
export const LOGIN_CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const LOGIN_CHALLENGE_ATTEMPTS = 5;

const ISSUER = "MXP";

type Tx = Prisma.TransactionClient;

function encryptionKey(): Buffer {
  const env = getEnv();
  if (env.TOTP_ENCRYPTION_KEY) return crypto.createHash("sha256").update(env.TOTP_ENCRYPTION_KEY).digest();
  return Buffer.from(crypto.hkdfSync("sha256", env.SESSION_SECRET, "", "mxp totp secrets", 32));
}

/** AES-256-GCM: a copy of the database alone does not give anyone the secrets. */
export function sealSecret(secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

export function openSecret(stored: string): string {
  const [version, iv, tag, sealed] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !sealed) throw new Error("A stored TOTP secret is not in a known format.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}

/** Keyed like the secrets, so that changing SESSION_SECRET leaves recovery codes working where TOTP_ENCRYPTION_KEY is set. */
function recoveryCodeHash(code: string): string {
  return crypto.createHmac("sha256", encryptionKey()).update(`recovery:${code}`).digest("hex");
}

/** The secret, or null (logged) when it cannot be read: the key changed since it was stored. */
function readableSecret(stored: string, userId: string): string | null {
  try {
    return openSecret(stored);
  } catch (error) {
    logger.error({ error, userId }, "a two-step log-in secret cannot be decrypted: was TOTP_ENCRYPTION_KEY (or SESSION_SECRET) changed?");
    return null;
  }
}

/**
 * The time step of `code` if it is right for `secret` now (within the window) and later than
 * `lastStep`: a code that was accepted once, or an older one, is refused.
 */
export async function acceptedTotpStep(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
  const match = await verifyTOTP({ otp: code, secret, period: TOTP_PERIOD_SECONDS, window: TOTP_WINDOW });
  if (!match) return null;
  const step = now + match.delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Spaces, dashes and case do not matter in a typed code. */
function normalisedCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toLowerCase();
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function newRecoveryCode(): string {
  const chars = Array.from(crypto.randomBytes(10), (byte) => RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Replaces the account's recovery codes with new ones, returned once; only their HMACs are stored. */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(normalisedCode(code)) })) });
  return codes;
}

/**
 * Whether `code` is the account's current TOTP code (taken once: the step is recorded
 * atomically, so a replay, even in parallel, fails) or one of its unused recovery codes (used up).
 */
export async function checkSecondFactor(db: Db, userId: string, rawCode: string, now = new Date()): Promise<boolean> {
  const code = normalisedCode(rawCode);
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpLastStep: true } });
  if (!user?.totpSecret) return false;
  if (/^\d{6}$/.test(code)) {
    const secret = readableSecret(user.totpSecret, userId);
    const step = secret === null ? null : await acceptedTotpStep(secret, code, user.totpLastStep);
    if (step === null) return false;
    const taken = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return taken.count === 1;
  }
  if (code.length !== 10) return false;
  const used = await db.recoveryCode.updateMany({ where: { userId, codeHash: recoveryCodeHash(code), usedAt: null }, data: { usedAt: now } });
  return used.count === 1;
}

/** Starts the second step of a log-in whose password was right; the token goes in a short-lived cookie. */
export async function startLoginChallenge(db: Db, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + LOGIN_CHALLENGE_TTL_MS);
  await db.loginChallenge.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  await db.loginChallenge.create({ data: { id: hashToken(token), userId, createdAt: now, expiresAt } });
  return { token, expiresAt };
}

function assertMayUseTwoFactor(user: { role: Role }): void {
  if (!TWO_FACTOR_ROLES.includes(user.role)) throw new AppError("FORBIDDEN", "Two-step log-in is for mentor and admin accounts.");
}

async function setupOf(secret: string, email: string) {
  const uri = getTOTPAuthUri({ secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: "SHA-1", accountName: email, issuer: ISSUER });
  return { key: secret.replace(/(.{4})/g, "$1 ").trim(), uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

export type TwoFactorStatus = { available: false } | { available: true; enabled: boolean; recoveryCodesLeft: number; pending: { key: string; uri: string; qrSvg: string } | null };

/** What the account page shows about two-step log-in. */
export async function twoFactorStatus(db: Db, user: { id: string; email: string; role: Role }): Promise<TwoFactorStatus> {
  if (!TWO_FACTOR_ROLES.includes(user.role)) return { available: false };
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  const recoveryCodesLeft = row.totpEnabledAt ? await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } }) : 0;
  const pendingSecret = !row.totpEnabledAt && row.totpPendingSecret ? readableSecret(row.totpPendingSecret, user.id) : null;
  const pending = pendingSecret ? await setupOf(pendingSecret, user.email) : null;
  return { available: true, enabled: Boolean(row.totpEnabledAt), recoveryCodesLeft, pending };
}

/** Makes a new secret to scan; it does nothing until a code from it is confirmed. */
export async function startTwoFactorSetup(db: Db, user: { id: string; role: Role }): Promise<void> {
  assertMayUseTwoFactor(user);
  const { secret } = await generateTOTP({ period: TOTP_PERIOD_SECONDS });
  const started = await db.user.updateMany({ where: { id: user.id, totpEnabledAt: null }, data: { totpPendingSecret: sealSecret(secret) } });
  if (started.count === 0) throw new AppError("INVALID_STATE", "Two-step log-in is already on.");
}

/** Counts a try at a code or password on the account page, like the password change does. */
async function countAccountAttempt(db: Db, userId: string): Promise<string> {
  const key = `two-factor-change:${userId}`;
  const attempts = await hitRateLimit(db, key, LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_WINDOW_MS);
  if (!attempts.allowed) throw rateLimited("Too many wrong codes.", attempts.retryAfterSeconds);
  return key;
}

function wrongCode(field = "code"): AppError {
  return new AppError("VALIDATION_FAILED", "That code is not right. Enter the code your app shows now.", { fieldErrors: { [field]: ["That code is not right"] } });
}

/** Turns two-step log-in on with a code from the new secret, and returns the recovery codes (shown once). */
export async function confirmTwoFactorSetup(db: Db, user: { id: string; role: Role }, rawInput: unknown): Promise<{ recoveryCodes: string[] }> {
  assertMayUseTwoFactor(user);
  const { code } = parseOrThrow(twoFactorCodeInput, rawInput);
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  if (row.totpEnabledAt || !row.totpPendingSecret) throw new AppError("INVALID_STATE", "There is no two-step log-in being set up. Start again.");
  const attemptsKey = await countAccountAttempt(db, user.id);
  const pendingSecret = readableSecret(row.totpPendingSecret, user.id);
  if (pendingSecret === null) throw new AppError("INVALID_STATE", "This set-up can no longer be read. Start again.");
  const step = await acceptedTotpStep(pendingSecret, normalisedCode(code), null);
  if (step === null) throw wrongCode();
  const recoveryCodes = await db.$transaction(async (tx) => {
    const turnedOn = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpPendingSecret: row.totpPendingSecret },
      data: { totpSecret: row.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (turnedOn.count === 0) throw new AppError("INVALID_STATE", "Two-step log-in changed in the meantime. Reload the page.");
    return replaceRecoveryCodes(tx, user.id);
  });
  await resetRateLimit(db, attemptsKey);
  return { recoveryCodes };
}

/** Turns two-step log-in off: needs the password and a code (or a recovery code). */
export async function disableTwoFactor(db: Db, user: { id: string }, rawInput: unknown): Promise<void> {
  const { password, code } = parseOrThrow(disableTwoFactorInput, rawInput);
  const attemptsKey = await countAccountAttempt(db, user.id);
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, totpEnabledAt: true } });
  if (!row.totpEnabledAt) throw new AppError("INVALID_STATE", "Two-step log-in is already off.");
  if (!(await verifyPassword(row.passwordHash, password))) {
    throw new AppError("VALIDATION_FAILED", "That is not your password.", { fieldErrors: { password: ["That is not your password"] } });
  }
  if (!(await checkSecondFactor(db, user.id, code))) throw wrongCode();
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null } }),
    db.recoveryCode.deleteMany({ where: { userId: user.id } }),
    db.loginChallenge.deleteMany({ where: { userId: user.id } }),
  ]);
  await resetRateLimit(db, attemptsKey);
}

/** New recovery codes for a code from the app (or a recovery code); the old ones stop working. */
export async function regenerateRecoveryCodes(db: Db, user: { id: string }, rawInput: unknown): Promise<{ recoveryCodes: string[] }> {
  const { code } = parseOrThrow(twoFactorCodeInput, rawInput);
  const attemptsKey = await countAccountAttempt(db, user.id);
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  if (!row.totpEnabledAt) throw new AppError("INVALID_STATE", "Turn two-step log-in on first.");
  if (!(await checkSecondFactor(db, user.id, code))) throw wrongCode();
  const recoveryCodes = await db.$transaction((tx) => replaceRecoveryCodes(tx, user.id));
  await resetRateLimit(db, attemptsKey);
  return { recoveryCodes };
}
