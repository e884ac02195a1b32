import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { MAX_BATCH_SIZE } from "./batch";
import type { AppRouter } from "./root.server";

const sameOrigin: typeof fetch = (url, init) => fetch(url, { ...init, credentials: "same-origin" });

/**
 * The browser's tRPC client: typed calls to the procedures, batched. It is the plain client, not
 * the React Query binding: the pages that call it poll or send a single request, and the smaller
 * client keeps the dashboard's JavaScript light.
 */
export const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", fetch: sameOrigin, maxItems: MAX_BATCH_SIZE })] });
