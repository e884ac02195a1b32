import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { z } from "zod";

// Schemas shared with the server (the submission snapshot) also parse in the browser. zod compiles
// object parsers with `new Function` unless told not to, and its probe for that alone is an
// `eval` the page's Content-Security-Policy blocks and reports (ADR 017).
z.config({ jitless: true });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
