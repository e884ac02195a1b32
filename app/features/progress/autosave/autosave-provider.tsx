import { PersistQueryClientProvider } from "@tanstack/react-query-persist-client";
import { useState, type ReactNode } from "react";
import { autosavePersistOptions, createAutosaveQueryClient } from "./autosave-client";
import { noteAutosaveProvider } from "./paused-saves";

/**
 * The autosave's queue of saves (React Query mutations), with the saves paused while offline kept
 * in localStorage and resumed when the provider starts again. Only the mission page holds it, so
 * other pages do not download React Query; they load `resume-paused-saves` only when a paused save
 * waits (see `paused-saves.ts`).
 */
export function AutosaveProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => (noteAutosaveProvider(), createAutosaveQueryClient()));
  return (
    <PersistQueryClientProvider client={queryClient} persistOptions={autosavePersistOptions} onSuccess={() => queryClient.resumePausedMutations()}>
      {children}
    </PersistQueryClientProvider>
  );
}
