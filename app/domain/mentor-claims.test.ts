import { describe, expect, it } from "vitest";
import { CLAIM_MINUTES, MAX_CLAIMS_PER_MENTOR, claimExpiry, claimRefusal, isHeld, mentorCoversTrack, mentorMayRead, type ClaimableReview } from "./mentor-claims";

const now = new Date("2026-12-02T12:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const free: ClaimableReview = { status: "REQUESTED", mentorId: null, claimExpiresAt: null };
const heldBy = (mentorId: string, expiresInMinutes: number): ClaimableReview => ({ status: "CLAIMED", mentorId, claimExpiresAt: minutes(expiresInMinutes) });

describe("mentor claims", () => {
  it("last thirty minutes from the claim", () => {
    expect(CLAIM_MINUTES).toBe(30);
    expect(claimExpiry(now).toISOString()).toBe("2026-12-02T12:30:00.000Z");
  });

  it("hold a review only until they expire", () => {
    expect(isHeld(heldBy("m1", 1), now)).toBe(true);
    expect(isHeld(heldBy("m1", 0), now)).toBe(false);
    expect(isHeld(heldBy("m1", -5), now)).toBe(false);
    expect(isHeld(free, now)).toBe(false);
  });

  it("are exclusive while live, and free again once expired", () => {
    expect(claimRefusal(heldBy("m1", 10), "m2", 0, now)).toBe("held-by-another");
    expect(claimRefusal(heldBy("m1", -1), "m2", 0, now)).toBeNull();
    expect(claimRefusal(free, "m2", 0, now)).toBeNull();
  });

  it("let the holder keep working however many other claims they hold", () => {
    expect(claimRefusal(heldBy("m1", 10), "m1", MAX_CLAIMS_PER_MENTOR, now)).toBeNull();
  });

  it("stop at four live claims per mentor", () => {
    expect(MAX_CLAIMS_PER_MENTOR).toBe(4);
    expect(claimRefusal(free, "m1", 3, now)).toBeNull();
    expect(claimRefusal(free, "m1", 4, now)).toBe("too-many-claims");
    expect(claimRefusal(heldBy("m9", -1), "m1", 4, now)).toBe("too-many-claims");
  });

  it("never reopen a completed review", () => {
    expect(claimRefusal({ status: "COMPLETED", mentorId: "m1", claimExpiresAt: null }, "m1", 0, now)).toBe("completed");
  });

  it("cover every track for a mentor without assignments, and only the assigned ones otherwise", () => {
    expect(mentorCoversTrack([], "t1")).toBe(true);
    expect(mentorCoversTrack(["t1", "t2"], "t2")).toBe(true);
    expect(mentorCoversTrack(["t1"], "t2")).toBe(false);
  });

  it("let a mentor read work nobody else holds, and what they hold or decided", () => {
    expect(mentorMayRead(free, "m1", now)).toBe(true);
    expect(mentorMayRead(heldBy("m2", 10), "m1", now)).toBe(false);
    expect(mentorMayRead(heldBy("m2", -1), "m1", now)).toBe(true);
    expect(mentorMayRead(heldBy("m1", 10), "m1", now)).toBe(true);
    expect(mentorMayRead({ status: "COMPLETED", mentorId: "m2", claimExpiresAt: null }, "m1", now)).toBe(false);
    expect(mentorMayRead({ status: "COMPLETED", mentorId: "m1", claimExpiresAt: null }, "m1", now)).toBe(true);
  });
});
