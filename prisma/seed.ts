// `npm run db:seed`: (re)writes the demo academy; safe to run any number of times.
import { boot } from "~/server/boot.server";
import { getDb } from "~/utils/db.server";
import { seedDemoAcademy } from "./seed.server";

const booted = await boot({ worker: false, seed: false });
try {
  await seedDemoAcademy(getDb(), booted.log);
} finally {
  await booted.shutdown("seed finished");
}
