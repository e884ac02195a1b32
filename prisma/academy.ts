// `npm run academy:export -- <folder>` · `npm run academy:import -- <folder> [--dry-run]`:
// the academy's tracks, missions and skills to and from a folder of YAML files.
import { runAcademyCommand } from "~/features/academy/content-cli.server";
import { boot } from "~/server/boot.server";
import { getDb } from "~/utils/db.server";

const booted = await boot({ worker: false, seed: false });
let code = 1;
try {
  code = await runAcademyCommand(getDb(), process.argv.slice(2), {
    info: (line) => process.stdout.write(`${line}\n`),
    error: (line) => process.stderr.write(`${line}\n`),
  });
} finally {
  await booted.shutdown("academy command finished");
}
process.exit(code);
