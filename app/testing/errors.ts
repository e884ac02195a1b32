import { expect } from "vitest";
import { AppError } from "~/utils/errors";

/** The AppError a promise rejects with (the test fails if it resolves or throws something else). */
export async function appErrorFrom(promise: Promise<unknown>, code?: AppError["code"], message?: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  if (code) expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}
