/**
 * graphile-worker crontab (https://worker.graphile.org/docs/cron): minute hour day month weekday
 * task ?options payload. Cron jobs are de-duplicated across processes by graphile-worker itself.
 */
export const crontab = [
  // Hourly: expired sessions, old rate-limit windows, dead worker heartbeats, abandoned sign-ups.
  "17 * * * * cleanup-expired ?max=3",
].join("\n");
