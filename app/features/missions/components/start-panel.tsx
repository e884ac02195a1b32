import { Form, Link } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { quotaSummary, TIER_LABELS } from "~/domain/entitlements";
import type { LockReason } from "~/domain/mission-access";
import type { MissionDetail } from "~/features/missions/service.server";

type Prerequisite = MissionDetail["mission"]["prerequisites"][number];
type Quota = MissionDetail["quota"];

function LockItem({ lock, prerequisites, quota }: { lock: LockReason; prerequisites: Prerequisite[]; quota: Quota }) {
  if (lock.kind === "tier") {
    return (
      <li>
        <p>{lock.message}</p>
        <p className="mt-1">
          <Link to="/#plans" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
            Upgrade to {TIER_LABELS[lock.tierRequired]}
          </Link>{" "}
          to start it.
        </p>
      </li>
    );
  }
  if (lock.kind === "prerequisites") {
    const missing = prerequisites.filter((prerequisite) => lock.missing.includes(prerequisite.id));
    return (
      <li>
        <p>{lock.message} Once their work is approved, this mission unlocks.</p>
        <ul className="mt-1 list-disc pl-5">
          {missing.map((prerequisite) => (
            <li key={prerequisite.id}>
              <Link to={`/dashboard/student/missions/${prerequisite.slug}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                {prerequisite.title}
              </Link>
            </li>
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li>
      <p data-testid="quota-message">{quotaSummary(quota)}.</p>
      <p className="mt-1">
        Wait for the reset, or{" "}
        <Link to="/#plans" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          upgrade for more starts
        </Link>
        .
      </p>
    </li>
  );
}

export interface StartPanelProps {
  locks: LockReason[];
  quota: Quota;
  /** Only students start missions; others read. */
  canStart: boolean;
  prerequisites: Prerequisite[];
  /** The refusal of a start the page posted (a stale tab, a quota reached meanwhile). */
  error?: string;
}

/**
 * Before a mission is started: the Start button (a plain form, so it works without JavaScript)
 * with the month's quota, or why the mission is locked and what to do about it.
 */
export function StartPanel({ locks, quota, canStart, prerequisites, error }: StartPanelProps) {
  return (
    <section aria-labelledby="start-heading" className="card border-brand-200 p-6" data-testid="start-panel">
      <h2 id="start-heading" className="text-lg font-semibold text-slate-900">
        {locks.length === 0 ? "Ready when you are" : "This mission is locked for now"}
      </h2>
      <div className="mt-3 space-y-4 text-sm text-slate-700">
        <FormAlert message={error} />
        {!canStart ? (
          <p>Only students start missions. You can read everything on this page.</p>
        ) : locks.length === 0 ? (
          <Form method="post" className="flex flex-wrap items-center gap-4">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="btn-primary">
              Start this mission
            </button>
            <span className="text-slate-600">{quotaSummary(quota)}</span>
          </Form>
        ) : (
          <ul className="space-y-3" data-testid="lock-reasons">
            {locks.map((lock) => (
              <LockItem key={lock.kind} lock={lock} prerequisites={prerequisites} quota={quota} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
