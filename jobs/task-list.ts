import type { Task, TaskList } from "graphile-worker";
import type { Db } from "~/utils/db.server";
import { jobPayloads, type JobName, type ParsedJobPayload } from "./definitions";
import { aiReview } from "./tasks/ai-review";
import { publishPortfolio, updateSkillSignals } from "./tasks/approval-effects";
import { cleanupExpired } from "./tasks/cleanup-expired";
import { deleteEvidenceBlob } from "./tasks/delete-evidence-blob";
import { notify } from "./tasks/notify";
import { sendEmail } from "./tasks/send-email";
import { sendWelcome } from "./tasks/send-welcome";

/** Which run of its job this is: graphile-worker retries a job that throws, with back-off, up to `maxAttempts` runs. */
export interface JobRun {
  attempt: number;
  maxAttempts: number;
}

type Handlers = { [N in JobName]?: (db: Db, payload: ParsedJobPayload<N>, run: JobRun) => Promise<unknown> };

// graphile-worker only takes jobs whose task it knows, so a job without a handler here waits in
// the queue (it is not failed) until a release that processes it is deployed.
export const handlers: Handlers = {
  "send-welcome": sendWelcome,
  notify,
  "send-email": sendEmail,
  "ai-review": aiReview,
  "publish-portfolio": publishPortfolio,
  "update-skill-signals": updateSkillSignals,
  "delete-evidence-blob": (db, payload) => deleteEvidenceBlob(db, payload),
  "cleanup-expired": (db) => cleanupExpired(db),
};

/**
 * graphile-worker's task list: each task checks its payload with the job's zod schema first.
 * A payload that does not parse will never parse, so it is logged and dropped, not retried.
 */
export function buildTaskList(getDb: () => Db): TaskList {
  const list: TaskList = {};
  for (const name of Object.keys(handlers) as JobName[]) {
    const handler = handlers[name] as ((db: Db, payload: unknown, run: JobRun) => Promise<unknown>) | undefined;
    if (!handler) continue;
    const task: Task = async (payload, helpers) => {
      const parsed = jobPayloads[name].safeParse(payload ?? {});
      if (!parsed.success) {
        helpers.logger.error(`dropping ${name} job ${helpers.job.id}: invalid payload`, { issues: parsed.error.issues });
        return;
      }
      const started = Date.now();
      await handler(getDb(), parsed.data, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
      helpers.logger.info(`completed ${name}`, { jobId: helpers.job.id, attempt: helpers.job.attempts, ms: Date.now() - started });
    };
    list[name] = task;
  }
  return list;
}
