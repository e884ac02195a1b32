-- The graphile-worker pool id a worker process locks its jobs with: when the process stops
-- beating (killed, crashed), another worker releases those jobs instead of waiting for
-- graphile-worker's four-hour stale-lock timeout.
ALTER TABLE "WorkerHeartbeat" ADD COLUMN "jobWorkerId" TEXT;
