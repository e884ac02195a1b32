import { createSyncStoragePersister } from "@tanstack/query-sync-storage-persister";
import { onlineManager, QueryClient } from "@tanstack/react-query";
import type { PersistQueryClientOptions } from "@tanstack/react-query-persist-client";
import { AUTOSAVE_MUTATION_KEY, autosaveFetch, registerAutosaveMutation, restSave } from "./save-mutation";
import { PAUSED_SAVES_KEY } from "./paused-saves";
import { currentTabId, isTabAlive } from "./tab-identity";

// Only the autosave's paused saves are kept in localStorage: nothing else of the cache (other
// people on a shared computer need not find someone's notifications there).
export const autosavePersistOptions: Omit<PersistQueryClientOptions, "queryClient"> = {
  persister: createSyncStoragePersister({ storage: typeof window === "undefined" ? undefined : window.localStorage, key: PAUSED_SAVES_KEY }),
  maxAge: 30 * 24 * 60 * 60 * 1000,
  buster: "mxp-1",
  dehydrateOptions: {
    shouldDehydrateQuery: () => false,
    shouldDehydrateMutation: (mutation) => mutation.state.isPaused && mutation.options.mutationKey?.[0] === AUTOSAVE_MUTATION_KEY[0],
  },
};

/** The queue the autosave sends its saves through (one per page that holds it). */
export function createAutosaveQueryClient(): QueryClient {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } });
  if (typeof window !== "undefined") {
    registerAutosaveMutation(queryClient, {
      // Over REST v1, like the page's evidence uploads and deletions (docs/decisions/007).
      save: restSave(autosaveFetch()),
      ownedElsewhere: async (draftId) => draftId !== currentTabId() && (await isTabAlive(draftId)),
    });
    if (typeof navigator !== "undefined" && navigator.onLine === false) onlineManager.setOnline(false);
  }
  return queryClient;
}
