import { json } from "@remix-run/node";
import { isAppError } from "./errors";

export interface FormFailure<Details = unknown> {
  formError?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** The AppError's code and details, for pages that show more than the message. */
  code?: string;
  details?: Details;
}

/**
 * For page actions: a failure a person caused comes back to the form with its status and
 * messages (and what they typed, minus secrets) and the error's code and details; anything else
 * is thrown to the ErrorBoundary.
 */
export function formFailure(error: unknown, values: Record<string, string> = {}) {
  if (!isAppError(error)) throw error;
  const appError = error;
  const details = appError.details as { fieldErrors?: Record<string, string[]>; formErrors?: string[] } | undefined;
  const fieldErrors = details?.fieldErrors;
  const formError = fieldErrors && Object.keys(fieldErrors).length > 0 && !details?.formErrors ? undefined : appError.message;
  const headers: HeadersInit = appError.retryAfter ? { "Retry-After": String(appError.retryAfter) } : {};
  const rest = details && typeof details === "object" ? Object.fromEntries(Object.entries(details).filter(([key]) => key !== "fieldErrors" && key !== "formErrors")) : undefined;
  return json<FormFailure>(
    { formError, fieldErrors, values, code: appError.code, ...(rest && Object.keys(rest).length > 0 ? { details: rest } : {}) },
    { status: appError.status, headers },
  );
}

export function formValues(form: FormData, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}
