/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

interface Window {
  /** The public subset of the server's configuration, rendered by the root route. */
  ENV?: { UPLOADTHING?: boolean; SERVICE_WORKER?: boolean } & Record<string, unknown>;
}
