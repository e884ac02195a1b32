import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests: `npm run test:e2e` (= `remix build && playwright test`).
 * The web server is the production build started by e2e/serve.ts with a fresh embedded
 * PostgreSQL in a temporary DATA_DIR, seeded with the demo academy (NODE_ENV=test).
 * Chromium is Debian's (`apt-get install chromium`), never a downloaded Playwright browser.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  reporter: "list",
  // The CI machine has two cores shared by the server, its PostgreSQL and two browsers: the
  // longest flows (two tabs, sign-up, uploads) finished correctly but past a 30 s limit.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    headless: true,
    // Wide enough for the desktop layout: the user's name and the side navigation are visible.
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    // The offline worker (public/sw.js) stands between a page and the network, and Playwright's
    // page.route does not see requests that pass through a worker: the specs that hold or fake
    // a request would not. e2e/offline.spec.ts turns the worker on and tests it.
    serviceWorkers: "block",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "exec node --import tsx e2e/serve.ts",
    url: `${BASE_URL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM runs the app's shutdown sequence (worker, pool, embedded PostgreSQL), after which
    // e2e/serve.ts removes its temporary DATA_DIR.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      NODE_ENV: "test",
      PORT: String(PORT),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      DATABASE_URL: "",
    },
  },
});
