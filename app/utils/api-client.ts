/**
 * The browser's side of REST v1: an answer that is not a success becomes an ApiError with the
 * status and the `{error: {code, message, details?}}` the API answers with. Failures to reach the
 * server at all (offline, aborted, timed out) stay what fetch throws.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return (
    error instanceof ApiError ||
    (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "ApiError" && typeof (error as { status?: unknown }).status === "number")
  );
}

/** The JSON body of a successful answer (undefined for 204), or the ApiError of a failed one. */
export async function readApiAnswer<T>(response: Response): Promise<T> {
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
  const error = body && typeof body === "object" ? body.error : undefined;
  // An answer that is not ours (a proxy's error page) still says what its status means.
  const code = typeof error?.code === "string" ? error.code : `HTTP_${response.status}`;
  const message = typeof error?.message === "string" && error.message ? error.message : `The server answered ${response.status}.`;
  const details = error?.details && typeof error.details === "object" ? (error.details as Record<string, unknown>) : undefined;
  throw new ApiError(response.status, code, message, details);
}
