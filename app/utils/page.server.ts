import type { ActionFunctionArgs, LoaderFunctionArgs, TypedResponse } from "@remix-run/node";
import { logger } from "~/server/logger.server";
import { AppError, errorResponse, isAppError, toAppError } from "./errors";
import { formFailure, formValues, type FormFailure } from "./forms.server";

/*
 * The one error path of pages (the REST counterpart is apiHandler in ./api.server.ts):
 * - a Response a loader or action throws (requireUser's redirect to /login) goes out as it is;
 * - an AppError from a loader becomes a thrown JSON Response `{error: {code, message, details}}`
 *   with its status, which the route's ErrorBoundary shows (isRouteErrorResponse);
 * - an AppError from an action comes back to the form (formFailure): the page re-renders with
 *   the message, the field errors and what the person typed;
 * - the database's refusal of a value the input schemas let through (toAppError) is answered as
 *   that AppError would be, and logged as a warning so the schema gets fixed;
 * - anything else is a bug: logged once with the request id, answered with a generic 500 whose
 *   body never carries a stack (a Response, so Remix does not serialise the Error itself, which it
 *   does with its stack in development).
 */

type PageArgs = LoaderFunctionArgs | ActionFunctionArgs;

/** The AppError a failure is answered with; failures that were not AppErrors are logged. */
function appErrorOf(error: unknown, { request, context }: PageArgs, kind: "loader" | "action"): AppError {
  const appError = toAppError(error);
  // A visitor who went away mid-request is not a failure of ours.
  if (isAppError(error) || request.signal.aborted) return appError;
  const where = { requestId: context?.requestId, method: request.method, path: new URL(request.url).pathname };
  if (appError.code === "INTERNAL") logger.error({ error, ...where }, `page ${kind} failed`);
  else logger.warn({ error, ...where }, `page ${kind} input refused by the database`);
  return appError;
}

/** What a page loader throws for a failure: Responses as they are, everything else as a JSON error Response. */
function thrownResponse(error: unknown, args: PageArgs, kind: "loader" | "action"): Response {
  if (error instanceof Response) return error;
  return errorResponse(appErrorOf(error, args, kind));
}

/**
 * Runs a page loader's work (or a resource route's) on the one error path: see the top of this
 * module. Called inside the route's exported function, never around it:
 * `export async function loader(args: LoaderFunctionArgs) { return pageLoader(args, async ({ request }) => …); }`.
 * Remix removes `loader` and `action` from the browser's copy of a route module, but a call at
 * module scope (`export const loader = pageLoader(…)`) would stay and run there, where this
 * server module is empty, and stop the page from hydrating.
 */
export async function pageLoader<Result>(args: LoaderFunctionArgs, load: (args: LoaderFunctionArgs) => Promise<Result>): Promise<Result> {
  try {
    return await load(args);
  } catch (error) {
    throw thrownResponse(error, args, "loader");
  }
}

export interface PageActionOptions {
  /** What comes back to the form after a failure: the names of fields to keep (never secrets), or a function of the form. */
  keep?: readonly string[] | ((form: FormData) => Record<string, string>);
}

/** The form an action was sent; a body that is not a form is the sender's mistake (400), not ours. */
async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    // A POST without a body (a bare fetch) carries no fields rather than a broken form.
    if (!request.headers.get("Content-Type")) return new FormData();
    throw new AppError("VALIDATION_FAILED", "This form could not be read: send it as a web form (application/x-www-form-urlencoded or multipart/form-data).");
  }
}

/**
 * Runs a page action's work on the one error path (see the top of this module), inside the
 * route's exported `action` function like pageLoader. It reads the form (the body can be read
 * only once) and passes it on.
 */
export async function pageAction<Result>(
  args: ActionFunctionArgs,
  act: (args: ActionFunctionArgs & { form: FormData }) => Promise<Result>,
  options: PageActionOptions = {},
): Promise<Result | TypedResponse<FormFailure>> {
  let form: FormData | undefined;
  try {
    form = await readForm(args.request);
    return await act({ ...args, form });
  } catch (error) {
    if (error instanceof Response) throw error;
    const appError = appErrorOf(error, args, "action");
    if (appError.code === "INTERNAL" && !isAppError(error)) throw errorResponse(appError);
    const keep = options.keep;
    const values = !form || !keep ? {} : typeof keep === "function" ? keep(form) : formValues(form, [...keep]);
    return formFailure(appError, values);
  }
}
