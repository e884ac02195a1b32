import { Form, Link, useLocation } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { quotaSummary, TIER_LABELS } from "~/domain/entitlements";
import type { LockReason } from "~/domain/mission-access";
import type { MissionDetail } from "~/features/missions/service.server";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import { pricingPath, tierAbove } from "~/features/billing/upgrade";

type Prerequisite = MissionDetail["mission"]["prerequisites"][number];
type Quota = MissionDetail["quota"];

function LockItem({ lock, prerequisites, quota }: { lock: LockReason; prerequisites: Prerequisite[]; quota: Quota }) {
  // Back to this very page once the plan is bought, where the mission can then be started.
  const { pathname, search } = useLocation();
  const here = `${pathname}${search}`;
  if (lock.kind === "tier") {
    const tier = lock.tierRequired === "FREE" ? undefined : lock.tierRequired;
    return (
      <li>
        <p>{lock.message}</p>
        {tier ? (
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <UpgradeButton tier={tier} returnTo={here} look="button" label={`Upgrade to ${TIER_LABELS[tier]} to start it`} />
            <Link to={pricingPath(here)} className="link">
              Compare the plans
            </Link>
          </div>
        ) : null}
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
  const more = tierAbove(quota.tier);
  return (
    <li>
      <p data-testid="quota-message">{quotaSummary(quota)}.</p>
      <p className="mt-1">Missions you already started stay open. Wait for the reset, or upgrade for more starts.</p>
      {more ? (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <UpgradeButton tier={more} returnTo={here} look="button" label={`Upgrade to ${TIER_LABELS[more]} and start it now`} />
          <Link to={pricingPath(here)} className="link">
            Compare the plans
          </Link>
        </div>
      ) : null}
    </li>
  );
}

export interface StartPanelProps {
  /** Named in the question asked before a start that uses the month's quota (StartConfirmDialog). */
  missionTitle: string;
  locks: LockReason[];
  quota: Quota;
  /** Only students start missions; others read. */
  canStart: boolean;
  prerequisites: Prerequisite[];
  /** The refusal of a start the page posted (a stale tab, a quota reached meanwhile). */
  error?: string;
  /** An admin's preview: the panel as the student sees it, with starting switched off. */
  preview?: boolean;
}

/**
 * Before a mission is started: the Start button (a plain form, so it works without JavaScript)
 * with the month's quota, or why the mission is locked and what to do about it.
 */
export function StartPanel({ missionTitle, locks, quota, canStart, prerequisites, error, preview = false }: StartPanelProps) {
  return (
    <section aria-labelledby="start-heading" className="card border-brand-200 p-6" data-testid="start-panel">
      <h2 id="start-heading" className="text-lg font-semibold text-slate-900">
        {locks.length === 0 ? "Ready when you are" : "This mission is locked for now"}
      </h2>
      <div className="mt-3 space-y-4 text-sm text-slate-700">
        <FormAlert message={error} />
        {!canStart ? (
          <p>Only students start missions. You can read everything on this page.</p>
        ) : locks.length === 0 && preview ? (
          <p className="flex flex-wrap items-center gap-4">
            <button type="button" className="btn-primary" disabled aria-describedby="preview-start-note">
              Start this mission
            </button>
            <span className="text-slate-600">{quotaSummary(quota)}</span>
            <span id="preview-start-note" className="w-full text-slate-500">
              Starting is switched off in a preview.
            </span>
          </p>
        ) : locks.length === 0 ? (
          <Form method="post" className="flex flex-wrap items-center gap-4" data-confirm-start="" data-mission-title={missionTitle}>
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
