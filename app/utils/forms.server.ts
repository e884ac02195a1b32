import { json } from "@remix-run/node";
import { isAppError, type AppError } from "./errors";

export interface FormFailure {
  formError?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

/**
 * For page actions: a failure a person caused comes back to the form with its status and
 * messages (and what they typed, minus secrets); anything else is thrown to the ErrorBoundary.
 */
export function formFailure(error: unknown, values: Record<string, string> = {}) {
  if (!isAppError(error)) throw error;
  const appError = error as AppError;
  const details = appError.details as { fieldErrors?: Record<string, string[]>; formErrors?: string[] } | undefined;
  const fieldErrors = details?.fieldErrors;
  const formError = fieldErrors && Object.keys(fieldErrors).length > 0 && !details?.formErrors ? undefined : appError.message;
  const headers: HeadersInit = appError.retryAfter ? { "Retry-After": String(appError.retryAfter) } : {};
  return json<FormFailure>({ formError, fieldErrors, values }, { status: appError.status, headers });
}

export function formValues(form: FormData, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}
