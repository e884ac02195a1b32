import { describe, expect, it } from "vitest";
import { describeSaveState, formatClock, type SaveStateInput } from "./save-state-text";

const base: SaveStateInput = { online: true, unsent: 0, sending: false, failures: 0, conflict: false, error: null, savedAt: null };
// Built from local components, so the expected clock holds in any time zone.
const at = new Date(2025, 10, 20, 12, 4, 30).toISOString();

describe("describeSaveState", () => {
  it("says when everything is saved", () => {
    expect(describeSaveState(base)).toEqual({ kind: "idle", text: "All changes saved" });
    expect(describeSaveState({ ...base, savedAt: at })).toEqual({ kind: "saved", text: "Saved 12:04" });
  });

  it("says Saving… while changes wait or a save is on its way", () => {
    expect(describeSaveState({ ...base, unsent: 2 }).text).toBe("Saving…");
    expect(describeSaveState({ ...base, sending: true, savedAt: at }).text).toBe("Saving…");
  });

  it("counts the changes kept on this device while offline", () => {
    expect(describeSaveState({ ...base, online: false, unsent: 2 })).toEqual({ kind: "offline", text: "Offline — 2 changes kept on this device" });
    expect(describeSaveState({ ...base, online: false, unsent: 1 }).text).toBe("Offline — 1 change kept on this device");
    expect(describeSaveState({ ...base, online: false, savedAt: at }).text).toBe("Offline — saved 12:04");
  });

  it("reports retries, conflicts and refusals", () => {
    expect(describeSaveState({ ...base, unsent: 3, failures: 2 })).toEqual({ kind: "retrying", text: "Can't reach the server — 3 changes kept on this device; retrying" });
    expect(describeSaveState({ ...base, unsent: 1, conflict: true, online: false }).kind).toBe("conflict");
    expect(describeSaveState({ ...base, conflict: true }).text).toMatch(/^Conflict/);
    expect(describeSaveState({ ...base, unsent: 1, error: "Log in first." }).text).toBe("Not saved — Log in first. 1 change kept on this device.");
  });
});

describe("formatClock", () => {
  it("formats local time as HH:MM", () => {
    expect(formatClock(new Date(2025, 0, 1, 9, 5))).toBe("09:05");
    expect(formatClock(new Date(2025, 0, 1, 23, 59))).toBe("23:59");
  });
});
