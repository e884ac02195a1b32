import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/page-header";
import { FormAlert } from "~/components/form";
import { formatDateTime, formatWaited } from "~/utils/format";
import type { mentorQueue } from "../service.server";

type Queue = Awaited<ReturnType<typeof mentorQueue>>;
// What the loader's JSON gives the page: the same shape, dates as text.
export type QueueData = Omit<Queue, "items" | "claims"> & { items: (Omit<Queue["items"][number], "requestedAt"> & { requestedAt: string })[]; claims: Queue["claims"] };

/** The mentor's queue page: what they hold, then the oldest waiting requests they may take. */
export function MentorQueueView({ queue }: { queue: QueueData }) {
  const failure = useActionData<{ formError?: string }>();
  const navigation = useNavigation();
  const claiming = navigation.state !== "idle" ? navigation.formData?.get("reviewId") : null;
  const filtered = Boolean(queue.filters.track || queue.filters.capstone || queue.filters.regrade);
  return (
    <>
      <PageHeader
        title="Review queue"
        description={`Mentor reviews requested by Premium students and capstones, oldest first. A claim keeps a review yours for 30 minutes; you can hold ${queue.claimsLeft + queue.claims.length} at a time.`}
      />
      <FormAlert message={failure?.formError} />

      <section aria-labelledby="claims-heading" className="mb-8">
        <h2 id="claims-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Your claims ({queue.claims.length} of {queue.claims.length + queue.claimsLeft})
        </h2>
        {queue.claims.length === 0 ? (
          <p className="text-sm text-slate-600">You hold no review. Claim one below to start.</p>
        ) : (
          <ul className="card divide-y divide-slate-100" data-testid="my-claims">
            {queue.claims.map((claim) => (
              <li key={claim.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                <div>
                  <Link to={`/dashboard/mentor/reviews/${claim.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {claim.missionTitle}, attempt {claim.attempt}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {claim.studentName}
                    {claim.isCapstone ? " · capstone" : ""}
                  </p>
                </div>
                <p className="text-sm text-slate-600">
                  Yours until <time dateTime={claim.claimExpiresAt}>{formatDateTime(claim.claimExpiresAt)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="queue-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="queue-heading" className="text-lg font-semibold text-slate-900">
            Waiting ({queue.waitingCapped ? `${queue.waiting.toLocaleString("en-GB")}+` : queue.waiting.toLocaleString("en-GB")})
          </h2>
          <Form method="get" className="flex max-w-full flex-wrap items-end gap-3 text-sm" aria-label="Filter the queue">
            <FilterSelect
              label="Track"
              name="track"
              value={queue.filters.track}
              wide
              options={[["", "Every track"], ...queue.tracks.map((track): [string, string] => [track.slug, track.title])]}
            />
            <FilterSelect
              label="Capstone"
              name="capstone"
              value={queue.filters.capstone}
              options={[
                ["", "Any"],
                ["yes", "Capstones only"],
                ["no", "No capstones"],
              ]}
            />
            <FilterSelect
              label="Regrade"
              name="regrade"
              value={queue.filters.regrade}
              options={[
                ["", "Any"],
                ["yes", "Regrade requests"],
                ["no", "No regrade"],
              ]}
            />
            <button type="submit" className="btn-secondary">
              Filter
            </button>
            {filtered ? (
              <Link to="/dashboard/mentor/reviews" className="py-2 text-brand-700 underline">
                Clear filters
              </Link>
            ) : null}
          </Form>
        </div>
        {queue.items.length === 0 ? (
          <EmptyState title={filtered ? "Nothing waits with these filters" : "The queue is empty"}>
            {filtered ? "Clear the filters to see every waiting review." : "When a Premium student asks for a mentor review, or a capstone is scored, it appears here."}
          </EmptyState>
        ) : (
          // One form for the list: each Claim button sends its own review (the submitter's name
          // and value), so a page of 25 rows resolves one form action, not 25.
          <Form method="post">
            <ol className="card divide-y divide-slate-100" data-testid="review-queue">
              {queue.items.map((item) => (
                <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4" data-testid="queue-item">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">
                      {/* A plain link, as on the dashboard's cards (ADR 010): 25 router links cost the page its target. */}
                      <a href={`/dashboard/mentor/reviews/${item.id}`} className="underline-offset-2 hover:underline">
                        {`${item.missionTitle}, attempt ${item.attempt}`}
                      </a>
                    </p>
                    <p className="text-sm text-slate-600">{queueItemFacts(item)}</p>
                    <p className="text-sm text-slate-500">
                      Waiting for <time dateTime={item.requestedAt}>{formatWaited(item.waitedSeconds)}</time>
                      {item.expiredClaim ? " (a claim on it ran out)" : ""}
                    </p>
                  </div>
                  <button
                    type="submit"
                    name="reviewId"
                    value={item.id}
                    className="btn-primary"
                    disabled={queue.claimsLeft === 0 || claiming === item.id}
                    aria-label={`Claim ${item.missionTitle}, attempt ${item.attempt}`}
                  >
                    {claiming === item.id ? "Claiming…" : "Claim"}
                  </button>
                </li>
              ))}
            </ol>
          </Form>
        )}
        {queue.claimsLeft === 0 && queue.items.length > 0 ? (
          <p className="mt-3 text-sm text-slate-600">You hold the most reviews at once. Finish or release one to claim another.</p>
        ) : null}
      </section>
    </>
  );
}

/** Who asked, in which track, and why it is special (capstone, regrade), as one line. */
function queueItemFacts(item: QueueData["items"][number]): string {
  const disputed = item.disputedCriteria.length;
  const regrade = item.isRegrade ? ` · regrade${disputed ? ` (${disputed} ${disputed === 1 ? "criterion" : "criteria"} disputed)` : ""}` : "";
  return `${item.studentName} · ${item.trackTitle}${item.isCapstone ? " · capstone" : ""}${regrade}`;
}

/** One of the queue's filters: a labelled select whose first option means "no filter". */
function FilterSelect({ label, name, value, options, wide = false }: { label: string; name: string; value: string | undefined; options: [string, string][]; wide?: boolean }) {
  return (
    <label className="flex min-w-0 max-w-full flex-col gap-1">
      <span className="font-medium text-slate-700">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={`max-w-full rounded-md border-slate-300 text-sm ${wide ? "w-full sm:w-64" : ""}`}>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
