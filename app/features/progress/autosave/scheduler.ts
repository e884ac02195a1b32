/**
 * When to save: `wait` ms after the last change (debounce), but never more than `maxWait` ms
 * after the first change still waiting, and at once on `flush()` (tab hidden, page leaving).
 * Timers are injected so tests can drive them; nothing here touches the DOM.
 */
export interface SchedulerOptions {
  wait: number;
  maxWait: number;
  onFlush: () => void;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface SaveScheduler {
  /** A change happened. */
  changed(): void;
  /** Save now if anything is waiting. */
  flush(): void;
  /** Forget the waiting change without saving (the page is going away for good). */
  cancel(): void;
  pending(): boolean;
}

export const AUTOSAVE_DEBOUNCE_MS = 1_000;
export const AUTOSAVE_MAX_WAIT_MS = 30_000;

export function createSaveScheduler(options: SchedulerOptions): SaveScheduler {
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let firstChangeAt: number | null = null;

  const clear = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };
  const fire = () => {
    clear();
    if (firstChangeAt === null) return;
    firstChangeAt = null;
    options.onFlush();
  };

  return {
    changed() {
      const at = now();
      if (firstChangeAt === null) firstChangeAt = at;
      const untilMax = firstChangeAt + options.maxWait - at;
      clear();
      if (untilMax <= 0) fire();
      else timer = setTimer(fire, Math.min(options.wait, untilMax));
    },
    flush() {
      if (firstChangeAt !== null) fire();
    },
    cancel() {
      clear();
      firstChangeAt = null;
    },
    pending() {
      return firstChangeAt !== null;
    },
  };
}
