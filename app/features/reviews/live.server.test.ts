import { afterAll, describe, expect, it } from "vitest";
import { FIRST_RUN, goodAnswer, noInjection, scripted, submittedAttempt } from "~/testing/reviews";
import { appErrorFrom } from "~/testing/errors";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { databaseUrl } from "~/utils/env.server";
import { closeReviewChangeHubs, ReviewChangeHub } from "./live.server";
import { publishReviewChange } from "./queries.server";
import { reviewEventsResponse } from "./review-events.server";
import { runAiReview } from "./service.server";

afterAll(async () => {
  await closeReviewChangeHubs();
});

/** Resolves with the next `count` calls' arguments, or what arrived by `ms`. */
function collect<T>(count: number, ms = 3_000) {
  const seen: T[] = [];
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const timer = setTimeout(done, ms);
  return {
    push(value: T) {
      seen.push(value);
      if (seen.length >= count) {
        clearTimeout(timer);
        done();
      }
    },
    result: async () => {
      await finished;
      return seen;
    },
  };
}

describe("the review change hub (PostgreSQL LISTEN/NOTIFY)", () => {
  it("hears a change once it commits, and nothing from a rolled-back transaction or another record", async () => {
    const hub = new ReviewChangeHub(databaseUrl());
    try {
      const heard = collect<string>(1, 1_500);
      hub.subscribe("progress-a", (event) => heard.push(event));
      await hub.ready();
      await getDb()
        .$transaction(async (tx) => {
          await publishReviewChange(tx, "progress-a");
          throw new Error("roll back");
        })
        .catch(() => {});
      await publishReviewChange(getDb(), "progress-b");
      expect(await heard.result()).toEqual([]);

      const second = collect<string>(1);
      hub.subscribe("progress-a", (event) => second.push(event));
      await getDb().$transaction(async (tx) => {
        await publishReviewChange(tx, "progress-a");
      });
      expect(await second.result()).toEqual(["changed"]);
    } finally {
      await hub.close();
    }
  });

  it("tells its subscribers to end when it closes", async () => {
    const hub = new ReviewChangeHub(databaseUrl());
    const heard: string[] = [];
    hub.subscribe("p", (event) => heard.push(event));
    await hub.ready();
    await hub.close();
    expect(heard).toEqual(["closing"]);
  });
});

async function readEvents(response: Response, count: number) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: unknown[] = [];
  let buffer = "";
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\n").find((line) => line.startsWith("data: "));
      if (block.startsWith("event: review") && data) events.push(JSON.parse(data.slice(6)));
    }
  }
  return { events, reader };
}

describe("the mission page's review event stream", () => {
  it("sends the state at once and the finished review without being asked", async () => {
    const { db, student, mission, submission } = await submittedAttempt();
    const abort = new AbortController();
    const response = await reviewEventsResponse(db, student, mission.slug, abort.signal, databaseUrl());
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    const first = await readEvents(response, 1);
    expect(first.events).toEqual([{ progressStatus: "SUBMITTED", attempt: 1, review: "pending" }]);

    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    const events: unknown[] = [];
    while (!events.some((event) => (event as { review: string }).review === "completed")) {
      const { value, done } = await first.reader.read();
      if (done) break;
      for (const block of value.split("\n\n")) {
        const data = block.split("\n").find((line) => line.startsWith("data: "));
        if (block.startsWith("event: review") && data) events.push(JSON.parse(data.slice(6)));
      }
    }
    expect(events.at(-1)).toEqual({ progressStatus: "APPROVED", attempt: 1, review: "completed" });

    abort.abort();
    expect((await first.reader.read()).done).toBe(true);
  });

  it("answers 404 for a mission the caller has not started (another student's progress stays invisible)", async () => {
    const { mission } = await submittedAttempt();
    const stranger = await createUser();
    const refused = await appErrorFrom(reviewEventsResponse(getDb(), stranger, mission.slug, new AbortController().signal, databaseUrl()));
    expect(refused.code).toBe("NOT_FOUND");
  });
});
