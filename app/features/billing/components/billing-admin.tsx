import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormAlert } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/page-header";
import { TIER_LABELS } from "~/domain/entitlements";
import { formatDate, formatDateTime } from "~/utils/format";
import { GRANTABLE_TIERS, WEBHOOK_OUTCOMES } from "../admin-choices";
import type { BillingOverview } from "../admin.server";

export interface BillingAdminResult {
  intent?: "grant" | "revoke";
  granted?: { email: string; tier: keyof typeof TIER_LABELS };
  revoked?: string;
  formError?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

const SOURCE_LABELS: Record<BillingOverview["plans"][number]["source"], string> = { subscription: "from the subscription", grant: "granted", free: "" };
const OUTCOME_LABELS: Record<(typeof WEBHOOK_OUTCOMES)[number], string> = { applied: "Applied", ignored: "Ignored", failed: "Failed" };
const OUTCOME_CHIPS: Record<string, string> = { applied: "chip chip-emerald", ignored: "chip", failed: "chip bg-red-50 text-red-800 ring-1 ring-inset ring-red-200" };

/** Admins: who has which plan and why, what Stripe's webhooks did, and tiers granted by hand. */
export function BillingAdminView({ overview, result }: { overview: BillingOverview; result?: BillingAdminResult }) {
  const { plans, grants, events, eventCounts, filters } = overview;
  // A refused form comes back with what was typed, its intent among it (pageAction's `keep`).
  const grantErrors = result?.values?.intent === "grant" ? result : undefined;
  const revokeError = result?.values?.intent === "revoke" ? result.formError : undefined;
  return (
    <>
      <PageHeader title="Billing" description="Plans in force and where they come from, what Stripe's webhooks did, and plans granted by hand." />

      <section aria-labelledby="grant-heading" className="card mb-8 p-5">
        <h2 id="grant-heading" className="text-lg font-semibold text-slate-900">
          Grant a plan
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          For a scholarship or a partner school. The student gets the higher of this plan and the one they pay for; nothing is charged or changed in Stripe.
        </p>
        {result?.intent === "grant" && result.granted ? (
          <p role="status" className="mt-3 text-sm text-emerald-800" data-testid="grant-saved">
            {TIER_LABELS[result.granted.tier]} granted to {result.granted.email}.
          </p>
        ) : null}
        <div className="mt-3">
          <FormAlert message={grantErrors?.formError} />
        </div>
        <Form method="post" className="mt-3 grid gap-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value="grant" />
          <Field
            label="Student's e-mail address"
            name="email"
            type="email"
            required
            autoComplete="off"
            defaultValue={grantErrors?.values?.email}
            errors={grantErrors?.fieldErrors?.email}
          />
          <div>
            <label htmlFor="field-tier" className="field-label">
              Plan
            </label>
            <select
              id="field-tier"
              name="tier"
              className="field-input"
              defaultValue={grantErrors?.values?.tier ?? "PREMIUM"}
              aria-describedby={grantErrors?.fieldErrors?.tier ? "field-tier-error" : undefined}
            >
              {GRANTABLE_TIERS.map((tier) => (
                <option key={tier} value={tier}>
                  {TIER_LABELS[tier]}
                </option>
              ))}
            </select>
            {grantErrors?.fieldErrors?.tier ? (
              <p id="field-tier-error" className="field-error">
                {grantErrors.fieldErrors.tier.join(" ")}
              </p>
            ) : null}
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="field-reason" className="field-label">
              Reason
            </label>
            <textarea
              id="field-reason"
              name="reason"
              required
              rows={2}
              maxLength={500}
              className="field-input"
              defaultValue={grantErrors?.values?.reason}
              aria-invalid={grantErrors?.fieldErrors?.reason ? true : undefined}
              aria-describedby={grantErrors?.fieldErrors?.reason ? "field-reason-error" : "field-reason-hint"}
            />
            <p id="field-reason-hint" className="mt-1 text-sm text-slate-500">
              Kept with the grant, with your name.
            </p>
            {grantErrors?.fieldErrors?.reason ? (
              <p id="field-reason-error" className="field-error">
                {grantErrors.fieldErrors.reason.join(" ")}
              </p>
            ) : null}
          </div>
          <Field
            label="Last day (optional)"
            name="endsOn"
            type="date"
            hint="The grant counts through this day (UTC). Leave it empty to keep it until it is revoked."
            defaultValue={grantErrors?.values?.endsOn}
            errors={grantErrors?.fieldErrors?.endsOn}
          />
          <div className="flex items-end">
            <button type="submit" className="btn-primary">
              Grant plan
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="plans-heading" className="mb-8">
        <h2 id="plans-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Subscriptions and grants
        </h2>
        {plans.length === 0 ? (
          <EmptyState title="No subscriptions yet">Students who subscribe, or are granted a plan, appear here.</EmptyState>
        ) : (
          <ul className="space-y-3">
            {plans.map((plan) => (
              <li key={plan.user.id} className="card p-4" data-testid="plan-row">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-semibold text-slate-900">
                    {plan.user.name} <span className="text-sm font-normal text-slate-600">({plan.user.email})</span>
                  </p>
                  <p className="text-sm text-slate-800">
                    <span className="font-semibold">{TIER_LABELS[plan.tierInForce]}</span> {SOURCE_LABELS[plan.source]}
                  </p>
                </div>
                <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
                  <Fact label="Stripe status">{plan.subscription ? `${plan.subscription.status} (${TIER_LABELS[plan.subscription.tier]})` : "No subscription"}</Fact>
                  {plan.subscription?.currentPeriodEnd ? (
                    <Fact label={plan.subscription.cancelAtPeriodEnd ? "Ends" : "Period ends"}>
                      {formatDate(plan.subscription.currentPeriodEnd)}
                      {plan.subscription.cancelAtPeriodEnd ? " (cancelled at period end)" : ""}
                    </Fact>
                  ) : null}
                  {plan.subscription?.pastDueSince ? (
                    <Fact label="Payment failing since">
                      {formatDate(plan.subscription.pastDueSince)}
                      {plan.subscription.graceEndsAt ? `; plan held until ${formatDate(plan.subscription.graceEndsAt)}` : ""}
                    </Fact>
                  ) : null}
                  <Fact label="Grant">
                    {plan.grant ? `${TIER_LABELS[plan.grant.tier]}${plan.grant.endsAt ? ` until ${formatDate(lastDay(plan.grant.endsAt))}` : ", no end date"}` : "None"}
                  </Fact>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="grants-heading" className="mb-8">
        <h2 id="grants-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Granted plans
        </h2>
        <FormAlert message={revokeError} />
        {result?.intent === "revoke" && result.revoked ? (
          <p role="status" className="mb-3 text-sm text-emerald-800">
            Grant revoked.
          </p>
        ) : null}
        {grants.length === 0 ? (
          <EmptyState title="No plans granted">Plans you grant appear here, with who granted them and why.</EmptyState>
        ) : (
          <ul className="space-y-3">
            {grants.map((grant) => (
              <li key={grant.id} className="card p-4" data-testid="grant-row">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-semibold text-slate-900">
                    {TIER_LABELS[grant.tier]} for {grant.user.name} <span className="text-sm font-normal text-slate-600">({grant.user.email})</span>
                  </p>
                  <span className={grant.status === "in force" ? "chip chip-emerald" : "chip"}>{grant.status}</span>
                </div>
                <p className="mt-1 text-sm text-slate-700">“{grant.reason}”</p>
                <p className="mt-1 text-sm text-slate-600">
                  Granted by {grant.grantedBy} on {formatDateTime(grant.grantedAt)}
                  {grant.endsAt ? `, through ${formatDate(lastDay(grant.endsAt))}` : ", no end date"}
                  {grant.revokedAt ? `; revoked by ${grant.revokedBy ?? "an administrator"} on ${formatDateTime(grant.revokedAt)}` : ""}.
                </p>
                {grant.status === "in force" || grant.status === "upcoming" ? (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={grant.id} />
                    <button type="submit" className="btn-secondary">
                      Revoke {TIER_LABELS[grant.tier]} for {grant.user.name}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-1 text-lg font-semibold text-slate-900">
          Stripe webhook events
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          The latest events processed{filters.events ? "" : ", failures first"}. A failed event is retried by Stripe; a later success replaces it.
        </p>
        <nav aria-label="Show events" className="mb-3 flex flex-wrap gap-2 text-sm">
          <FilterLink to="/dashboard/admin/billing" current={filters.events === null}>
            All
          </FilterLink>
          {WEBHOOK_OUTCOMES.map((outcome) => (
            <FilterLink key={outcome} to={`/dashboard/admin/billing?events=${outcome}`} current={filters.events === outcome}>
              {OUTCOME_LABELS[outcome]} ({eventCounts[outcome]})
            </FilterLink>
          ))}
        </nav>
        {events.length === 0 ? (
          <EmptyState title={filters.events ? `No ${filters.events} events` : "No events yet"}>Events appear here once Stripe sends them to the webhook.</EmptyState>
        ) : (
          <ul className="space-y-2">
            {events.map((event) => (
              <li key={event.id} className="card p-4 text-sm" data-testid="event-row" data-outcome={event.outcome}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-mono text-slate-900">{event.type}</p>
                  <span className={OUTCOME_CHIPS[event.outcome] ?? "chip"}>{OUTCOME_LABELS[event.outcome as keyof typeof OUTCOME_LABELS] ?? event.outcome}</span>
                </div>
                <p className="mt-1 text-slate-600">
                  Processed {formatDateTime(event.processedAt)}
                  {event.attempts > 1 ? ` after ${event.attempts} attempts` : ""} · {event.user ? `${event.user.name} (${event.user.email})` : "no known user"} ·{" "}
                  <span className="font-mono">{event.id}</span>
                </p>
                {event.detail ? <p className={`mt-1 ${event.outcome === "failed" ? "text-red-800" : "text-slate-700"}`}>{event.detail}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** A grant's `endsAt` is the first instant after its last day. */
function lastDay(endsAt: string): Date {
  return new Date(new Date(endsAt).getTime() - 1);
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="inline text-slate-600">{label}: </dt>
      <dd className="inline text-slate-900">{children}</dd>
    </div>
  );
}

function FilterLink({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  return (
    <Link to={to} aria-current={current ? "page" : undefined} className={current ? "chip chip-brand px-3 py-1 text-sm" : "chip px-3 py-1 text-sm hover:bg-slate-200"}>
      {children}
    </Link>
  );
}
