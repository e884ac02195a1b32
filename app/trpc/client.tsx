import { createSyncStoragePersister } from "@tanstack/query-sync-storage-persister";
import { onlineManager, QueryClient } from "@tanstack/react-query";
import { PersistQueryClientProvider, type PersistQueryClientOptions } from "@tanstack/react-query-persist-client";
import { httpBatchLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import { useState, type ReactNode } from "react";
import { AUTOSAVE_MUTATION_KEY, autosaveFetch, registerAutosaveMutation, restSave } from "~/features/progress/autosave/save-mutation";
import { currentTabId, isTabAlive } from "~/features/progress/autosave/tab-identity";
import { MAX_BATCH_SIZE } from "./batch";
import type { AppRouter } from "./root.server";

export const trpc = createTRPCReact<AppRouter>();

const sameOrigin: typeof fetch = (url, init) => fetch(url, { ...init, credentials: "same-origin" });

// Only the autosave's paused saves are kept in localStorage: nothing else of the cache (other
// people on a shared computer need not find someone's notifications there).
const persistOptions: Omit<PersistQueryClientOptions, "queryClient"> = {
  persister: createSyncStoragePersister({ storage: typeof window === "undefined" ? undefined : window.localStorage, key: "mxp.query-cache.v1" }),
  maxAge: 30 * 24 * 60 * 60 * 1000,
  buster: "mxp-1",
  dehydrateOptions: {
    shouldDehydrateQuery: () => false,
    shouldDehydrateMutation: (mutation) => mutation.state.isPaused && mutation.options.mutationKey?.[0] === AUTOSAVE_MUTATION_KEY[0],
  },
};

function createQueryClient(): QueryClient {
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

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [client] = useState(() => trpc.createClient({ links: [httpBatchLink({ url: "/api/trpc", fetch: sameOrigin, maxItems: MAX_BATCH_SIZE })] }));
  return (
    <trpc.Provider client={client} queryClient={queryClient}>
      <PersistQueryClientProvider client={queryClient} persistOptions={persistOptions} onSuccess={() => queryClient.resumePausedMutations()}>
        {children}
      </PersistQueryClientProvider>
    </trpc.Provider>
  );
}
