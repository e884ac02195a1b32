// `npm run bench [-- name ...]`: runs the named benchmarks (all by default) and rewrites their
// sections of docs/BENCHMARKS.md. The throughput benchmarks build the app for production first
// (NODE_ENV=production remix build into build/production) and measure that build.
import { benchAdmin } from "./admin";
import { benchAutosave } from "./autosave";
import { benchCards } from "./cards";
import { benchMentoring } from "./mentoring";
import { benchPages } from "./pages";
import { benchReliability } from "./reliability";
import { benchReviews } from "./reviews";
import { benchStartup } from "./startup";
import { benchWebhooks } from "./webhooks";
import { benchWeight } from "./weight";

const benchmarks: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  pages: benchPages,
  autosave: benchAutosave,
  cards: benchCards,
  reliability: benchReliability,
  reviews: benchReviews,
  mentoring: benchMentoring,
  webhooks: benchWebhooks,
  weight: benchWeight,
  admin: benchAdmin,
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(benchmarks);
for (const name of names) {
  const run = benchmarks[name];
  if (!run) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benchmarks).join(", ")}`);
    process.exit(2);
  }
  console.log(`\n▶ ${name}`);
  await run();
}
