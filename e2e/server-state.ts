import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where the end-to-end server on `port` writes how to reach its database: the tests read the
 * e-mails it "sends" (confirmation links) from its outbox table, as a person reads their inbox.
 */
export function serverStateFile(port: number | string): string {
  return path.join(os.tmpdir(), `mxp-e2e-${port}.json`);
}

export interface ServerState {
  databaseUrl: string;
}

export function writeServerState(port: number | string, state: ServerState): void {
  fs.writeFileSync(serverStateFile(port), JSON.stringify(state), { mode: 0o600 });
}

export function removeServerState(port: number | string): void {
  fs.rmSync(serverStateFile(port), { force: true });
}
