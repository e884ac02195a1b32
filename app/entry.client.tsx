import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { startServiceWorker } from "~/features/offline/service-worker";

// Schemas shared with the server (the submission snapshot) also parse in the browser. zod compiles
// object parsers with `new Function` unless told not to, and its probe for that alone is an
// `eval` the page's Content-Security-Policy blocks and reports (ADR 017). The setting goes into
// the global zod reads its configuration from (what `z.config` writes), so that pages without
// a schema do not download zod just to configure it.
(globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig = { jitless: true };

// Offline reloads of mission pages (docs/decisions/031), in production builds only: in development
// a worker would keep files of a build the compiler has since replaced, so any is removed.
startServiceWorker({
  enabled: process.env.NODE_ENV === "production" && window.ENV?.SERVICE_WORKER !== false,
  release: window.__remixManifest.version,
});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
