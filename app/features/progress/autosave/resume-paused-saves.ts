import { persistQueryClient } from "@tanstack/react-query-persist-client";
import { autosavePersistOptions, createAutosaveQueryClient } from "./autosave-client";

/**
 * Restores the paused saves into a queue of this page's own and sends them. The persister keeps
 * watching, so once they are sent localStorage no longer holds them.
 */
export function resumePausedSaves(): void {
  const queryClient = createAutosaveQueryClient();
  const [, restored] = persistQueryClient({ queryClient, ...autosavePersistOptions });
  void restored.then(() => queryClient.resumePausedMutations());
}
