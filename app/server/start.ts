// `npm start`: the production build (after `npm run build`), web server and, unless
// RUN_WORKER=false, the job worker in the same process.
import fs from "node:fs";
import { getEnv } from "~/utils/env.server";
import { boot, handleSignals } from "./boot.server";
import { BUILD_PATH, closeServer, createHttpApp, listen, loadBuild } from "./http.server";

if (!fs.existsSync(BUILD_PATH)) {
  console.error("No production build found: run `npm run build` first.");
  process.exit(1);
}
const booted = await boot({ worker: getEnv().RUN_WORKER, seed: true });
handleSignals(booted);
// A development build cannot be served: loadBuild says what to run instead.
const build = await loadBuild().catch(async (error: Error) => {
  console.error(error.message);
  await booted.shutdown("no production build");
  process.exit(1);
});
const app = createHttpApp({ mode: "production", build, log: booted.log, trustProxy: booted.env.TRUST_PROXY });
const server = await listen(app, booted.env.PORT, booted.log);
booted.onShutdown(() => closeServer(server));
