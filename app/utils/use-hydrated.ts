import { useEffect, useState } from "react";

/** False on the server and in the first browser render, true once React has hydrated the page. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the first client render must match the server's; the flag flips once, after hydration
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
