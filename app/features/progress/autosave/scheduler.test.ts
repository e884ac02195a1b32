import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSaveScheduler } from "./scheduler";

describe("createSaveScheduler", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves 1 s after the last change", () => {
    const onFlush = vi.fn();
    const scheduler = createSaveScheduler({ wait: 1_000, maxWait: 30_000, onFlush });
    scheduler.changed();
    vi.advanceTimersByTime(600);
    scheduler.changed();
    vi.advanceTimersByTime(600);
    expect(onFlush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(onFlush).toHaveBeenCalledTimes(1);
    expect(scheduler.pending()).toBe(false);
  });

  it("saves at least every 30 s while the student keeps typing", () => {
    const onFlush = vi.fn();
    const scheduler = createSaveScheduler({ wait: 1_000, maxWait: 30_000, onFlush });
    for (let elapsed = 0; elapsed < 61_000; elapsed += 500) {
      scheduler.changed();
      vi.advanceTimersByTime(500);
    }
    expect(onFlush).toHaveBeenCalledTimes(2);
  });

  it("flushes at once when asked (tab hidden), and only when something waits", () => {
    const onFlush = vi.fn();
    const scheduler = createSaveScheduler({ wait: 1_000, maxWait: 30_000, onFlush });
    scheduler.flush();
    expect(onFlush).not.toHaveBeenCalled();
    scheduler.changed();
    scheduler.flush();
    expect(onFlush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(onFlush).toHaveBeenCalledTimes(1);
  });

  it("cancel forgets the waiting change", () => {
    const onFlush = vi.fn();
    const scheduler = createSaveScheduler({ wait: 1_000, maxWait: 30_000, onFlush });
    scheduler.changed();
    scheduler.cancel();
    vi.advanceTimersByTime(5_000);
    expect(onFlush).not.toHaveBeenCalled();
  });
});
