import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the answer being rendered, given by entry.server.tsx.
 * Only the server's HTML needs it: browsers hide a nonce from scripts once the page is parsed and
 * hydration inserts no inline script, so in the browser it is "" (which also matches what the
 * browser reports for the attribute while hydrating).
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
