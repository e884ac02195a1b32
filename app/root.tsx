import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { getViewer } from "~/features/dashboard/viewer.server";
import { useOfflineOwner } from "~/features/offline/service-worker";
import { resumePausedSavesIfAny } from "~/features/progress/autosave/paused-saves";
import { getAuth } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { useNonce } from "~/utils/nonce";
import { pageLoader } from "~/utils/page.server";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "MXP · Missions Execution Platform" },
  { name: "description", content: "Learn cyber-security by doing real missions, get scored against rubrics, and build a portfolio employers trust." },
];

// The root loader also carries what the signed-in shell shows (name, role, plan, unread count):
// every loader of a page costs the framework a JSON round trip and two request copies, and this
// one authenticates anyway. Each dashboard page's own loader decides who may see it.
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const auth = await getAuth(request);
    const user = auth?.user ?? null;
    // The only settings the browser needs: which upload path to use, whether the offline worker runs.
    const env = getEnv();
    const publicEnv = { UPLOADTHING: Boolean(env.UPLOADTHING_TOKEN), SERVICE_WORKER: env.SERVICE_WORKER };
    // The offline worker keeps one person's mission pages, drops them when this changes, and
    // shows none after the session would have ended (whoever uses the browser next).
    const offlineOwner = user?.id ?? null;
    const offlineUntil = auth?.liveUntil.toISOString() ?? null;
    return json({ viewer: user ? await getViewer(getDb(), user) : null, publicEnv, offlineOwner, offlineUntil });
  });
}

export function Layout({ children }: { children: ReactNode }) {
  const publicEnv = useRouteLoaderData<typeof loader>("root")?.publicEnv ?? {};
  // Every inline script carries the nonce of the page's Content-Security-Policy.
  const nonce = useNonce();
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1649dd" />
        <Meta />
        <Links />
      </head>
      <body className="h-full">
        <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:shadow">
          Skip to content
        </a>
        {children}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: `window.ENV = ${JSON.stringify(publicEnv)};` }} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {process.env.NODE_ENV === "development" ? <DevReload nonce={nonce} /> : null}
      </body>
    </html>
  );
}

/** Development only: reload the page when the compiler finished a new build. */
function DevReload({ nonce }: { nonce: string }) {
  return (
    <script
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{
        __html: `(() => { if (!window.EventSource) return; const events = new EventSource("/__dev/reload"); events.onmessage = () => location.reload(); })();`,
      }}
    />
  );
}

export default function App() {
  // Notes typed offline on a page since closed are sent from whichever page opens next.
  useEffect(resumePausedSavesIfAny, []);
  useOfflineOwner();
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <main id="main">
      <ErrorPage />
    </main>
  );
}
