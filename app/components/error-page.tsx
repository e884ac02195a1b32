import { isRouteErrorResponse, Link, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { errorBodyMessage } from "~/utils/errors";

interface Explained {
  status: number;
  title: string;
  message: string;
  /** What exactly was wrong, field by field (e.g. each bad value of the address's query string). */
  problems: { field: string; messages: string[] }[];
}

/** The field errors of an error answer ({error: {details: {fieldErrors, formErrors}}}), as a list. */
function problemsOf(body: unknown): Explained["problems"] {
  const details = (body as { error?: { details?: { fieldErrors?: unknown; formErrors?: unknown } } } | null | undefined)?.error?.details;
  const problems: Explained["problems"] = [];
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string" && item.length > 0) : []);
  if (details?.fieldErrors && typeof details.fieldErrors === "object") {
    for (const [field, messages] of Object.entries(details.fieldErrors)) {
      if (strings(messages).length > 0) problems.push({ field, messages: strings(messages) });
    }
  }
  if (strings(details?.formErrors).length > 0) problems.push({ field: "", messages: strings(details?.formErrors) });
  return problems;
}

function explain(error: unknown): Explained {
  if (isRouteErrorResponse(error)) {
    // The router's own answers (no route for the address, no action for a POST) carry developer
    // text such as "Error: No route matches URL…": the page explains the status in its own words.
    const internal = (error as { internal?: boolean }).internal === true;
    const message = internal ? undefined : errorBodyMessage(error.data);
    return { ...explainStatus(error.status, message, internal ? undefined : error.statusText), problems: problemsOf(error.data) };
  }
  return {
    status: 500,
    title: "Something went wrong on our side",
    message: "Your work is safe. Reload the page, and if it keeps happening, tell your academy's support team.",
    problems: [],
  };
}

function explainStatus(status: number, message: string | undefined, statusText: string | undefined): Omit<Explained, "problems"> {
  switch (status) {
    case 400:
      // Loaders answer 400 for an address they cannot read (a filter or id that cannot exist).
      return { status: 400, title: "Something in this address isn't right", message: message ?? "Part of the address of this page is not valid. Go back and try again." };
    case 401:
      return { status: 401, title: "Please log in", message: message ?? "You need to be logged in to see this page." };
    case 402:
      return { status: 402, title: "Your plan doesn't include this yet", message: message ?? "Upgrade your plan to unlock it." };
    case 403:
      return { status: 403, title: "This isn't for your account", message: message ?? "You don't have access to this page." };
    case 404:
      return { status: 404, title: "We couldn't find that", message: message ?? "The page or record you asked for doesn't exist, or isn't yours to see." };
    case 409:
      return { status: 409, title: "That changed in the meantime", message: message ?? "Reload the page to see the latest version." };
    case 429:
      return { status: 429, title: "Slow down a little", message: message ?? "Too many requests. Wait a moment and try again." };
    default:
      if (status >= 500)
        return {
          status,
          title: "Something went wrong on our side",
          message: message ?? "Your work is safe. Reload the page, and if it keeps happening, tell your academy's support team.",
        };
      return { status, title: "Something went wrong", message: message ?? (statusText || "Please try again.") };
  }
}

/** The one error view every route's ErrorBoundary shows. */
export function ErrorPage() {
  const error = useRouteError();
  const { pathname, search } = useLocation();
  const { status, title, message, problems } = explain(error);
  // A visitor who is not signed in is offered the log-in page, not a dashboard they cannot open.
  const signedIn = Boolean(useRouteLoaderData<{ viewer: unknown }>("root")?.viewer);
  return (
    <div role="alert" className="mx-auto my-16 max-w-xl px-6 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Error {status}</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-4 text-base text-slate-600">{message}</p>
      {problems.length > 0 ? (
        <ul className="mx-auto mt-6 max-w-md space-y-2 text-left text-sm text-slate-700" data-testid="error-problems">
          {problems.map((problem) => (
            <li key={problem.field} className="rounded-lg bg-slate-50 px-4 py-2 ring-1 ring-slate-200">
              {problem.field ? <span className="font-semibold text-slate-900">{`${problem.field.charAt(0).toUpperCase()}${problem.field.slice(1)}: `}</span> : null}
              {problem.messages.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {status === 400 && search ? (
          // A bad query string (a filter that does not exist): the same page without it.
          <Link to={pathname} className="btn-secondary">
            Clear the filters
          </Link>
        ) : null}
        <Link to="/" className="btn-secondary">
          Home
        </Link>
        {status === 401 || !signedIn ? (
          <Link to="/login" className="btn-primary">
            Log in
          </Link>
        ) : (
          <Link to="/dashboard" className="btn-primary">
            Your dashboard
          </Link>
        )}
      </div>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
