import crypto from "node:crypto";
import { evidenceStorageFor, newStorageKey } from "~/adapters/storage/storage.server";
import type { InjectionDetector, Reviewer, ReviewerAnswer } from "~/features/reviews/reviewer";
import type { ReviewRun } from "~/features/reviews/service.server";
import { saveProgress } from "~/features/progress/service.server";
import { submitProgress } from "~/features/submissions/service.server";
import { getDb } from "~/utils/db.server";
import { createUser } from "./factories";
import { createMission, startProgress, type CreateMissionOptions } from "./missions";

export const NOTES = "tcpdump -i eth0 -w attack.pcap captured the SYN scan from 10.0.0.66";
export const TIMELINE = "09:14 port scan, 09:20 brute force on ssh, 09:31 reverse shell";
export const REFLECTION = "I learned to read a packet capture and to tie each packet to a step of the attack.";
export const LOG_TEXT = "Failed password for root from 10.0.0.66 port 52144 ssh2\nAccepted password for root";

export const FIRST_RUN: ReviewRun = { attempt: 1, maxAttempts: 5 };
export const noInjection: InjectionDetector = () => [];

/** A student's submitted attempt of a fresh test mission, with a text log as evidence on step 1. */
export async function submittedAttempt(options: CreateMissionOptions & { student?: Awaited<ReturnType<typeof createUser>> } = {}) {
  const db = getDb();
  const student = options.student ?? (await createUser());
  const admin = await createUser({ role: "ADMIN" });
  const mission = await createMission(options);
  const progress = await startProgress(student.id, mission.id);
  const [a, b, c] = mission.subtasks.map((subtask) => subtask.id) as [string, string, string];
  await saveProgress(db, student, progress.id, {
    version: 1,
    subtasks: { [a]: { notes: NOTES, completed: true }, [b]: { notes: TIMELINE, completed: true }, [c]: { completed: true } },
  });
  const storageKey = newStorageKey();
  await evidenceStorageFor("LOCAL").put(storageKey, Buffer.from(LOG_TEXT), "text/plain");
  await db.evidenceFile.create({
    data: {
      progressId: progress.id,
      subtaskId: a,
      ownerId: student.id,
      originalName: "auth.log",
      storageKey,
      contentType: "text/plain",
      sizeBytes: Buffer.byteLength(LOG_TEXT),
      sha256: crypto.createHash("sha256").update(LOG_TEXT).digest("hex"),
    },
  });
  const submission = await submitProgress(db, student, progress.id, { reflection: REFLECTION });
  return { db, student, admin, mission, progress, submission };
}

/** The answer a careful model gives for `submittedAttempt`'s work. */
export function goodAnswer(scores: { evidence: number; analysis: number; communication: number } = { evidence: 3, analysis: 3, communication: 2 }): ReviewerAnswer {
  return {
    criteria: [
      { key: "evidence", score: scores.evidence, justification: "The capture and the log show the attack.", quote: "Failed password for root from 10.0.0.66" },
      { key: "analysis", score: scores.analysis, justification: "The timeline is complete.", quote: "09:20 brute force on ssh," },
      { key: "communication", score: scores.communication, justification: "Clear, short.", quote: "I learned to read a packet capture" },
    ],
    summary: "Solid investigation; explain the root cause in one more sentence.",
    flags: [],
  };
}

/** A reviewer that gives these answers in turn (the last one again when it runs out), counting calls and keeping feedback. */
export function scripted(...answers: ReviewerAnswer[]): Reviewer & { calls: { feedback?: readonly string[] }[] } {
  const calls: { feedback?: readonly string[] }[] = [];
  return {
    name: "test:scripted",
    kind: "model",
    calls,
    review(_request, options) {
      calls.push({ feedback: options.feedback });
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      return Promise.resolve({ answer, usage: { inputTokens: 100, outputTokens: 20 } });
    },
  };
}
