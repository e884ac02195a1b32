// `npm run worker`: job workers alone, to scale out beside one or more web processes.
import { boot, handleSignals } from "~/server/boot.server";

const booted = await boot({ worker: true, seed: false });
handleSignals(booted);
if (booted.embedded) {
  booted.log.warn({}, "DATABASE_URL is unset, so this worker started its own embedded PostgreSQL; set DATABASE_URL to share the web server's database");
}
