import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { errorBodyMessage } from "~/utils/errors";

interface Explained {
  status: number;
  title: string;
  message: string;
}

function explain(error: unknown): Explained {
  if (isRouteErrorResponse(error)) {
    const message = errorBodyMessage(error.data);
    switch (error.status) {
      case 400:
        return { status: 400, title: "That request didn't make sense", message: message ?? "Some of the information sent was not valid. Go back and try again." };
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
        return { status: error.status, title: "Something went wrong", message: message ?? error.statusText ?? "Please try again." };
    }
  }
  return {
    status: 500,
    title: "Something went wrong on our side",
    message: "Your work is safe. Reload the page, and if it keeps happening, tell your academy's support team.",
  };
}

/** The one error view every route's ErrorBoundary shows. */
export function ErrorPage() {
  const error = useRouteError();
  const { status, title, message } = explain(error);
  return (
    <div role="alert" className="mx-auto my-16 max-w-xl px-6 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Error {status}</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-4 text-base text-slate-600">{message}</p>
      <div className="mt-8 flex justify-center gap-3">
        <Link to="/" className="btn-secondary">
          Home
        </Link>
        {status === 401 ? (
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
