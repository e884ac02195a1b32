import { Form } from "@remix-run/react";
import { TIER_LABELS, TIERS } from "~/domain/entitlements";
import { formatDateTime } from "~/utils/format";

interface MissionState {
  mission: { id: string; published: boolean } | null;
}

/** Where the mission stands: published or not, and whether a draft holds changes students do not see yet. */
export function MissionStatus({ slug, mission, draft }: MissionState & { slug: string; draft: { savedAt: string; author: string | null } | null }) {
  const visibility = !mission ? "New mission, never published" : mission.published ? "Published" : "Unpublished (no new starts)";
  return (
    <span data-testid="mission-status">
      {visibility} · /{slug}
      {draft ? ` · Draft saved ${formatDateTime(draft.savedAt)}${draft.author ? ` by ${draft.author}` : ""}` : " · No unpublished changes"}
    </span>
  );
}

/** The editor's buttons: save, preview as a plan, publish; unpublish or publish again; discard the draft (its own form: it does not save). */
export function EditorActions({ mission, hasDraft, canPublish }: MissionState & { hasDraft: boolean; canPublish: boolean }) {
  return (
    <div className="card flex flex-wrap items-end gap-3 p-4">
      <button type="submit" name="intent" value="save" className="btn-secondary">
        Save draft
      </button>
      <div className="flex items-end gap-2">
        <div>
          <label className="field-label" htmlFor="preview-tier">
            Preview as a student on
          </label>
          <select id="preview-tier" name="previewTier" className="field-input" defaultValue="FREE">
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {TIER_LABELS[tier]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="preview" className="btn-secondary">
          Preview
        </button>
      </div>
      <button type="submit" name="intent" value="publish" className="btn-primary" aria-describedby={canPublish ? undefined : "publish-hint"}>
        Publish
      </button>
      {mission ? (
        <button type="submit" name="intent" value={mission.published ? "unpublish" : "republish"} className="btn-secondary">
          {mission.published ? "Unpublish" : "Publish again"}
        </button>
      ) : null}
      {hasDraft ? (
        <button type="submit" form="discard-draft" className="btn-secondary text-red-700">
          {mission ? "Discard draft" : "Delete this draft"}
        </button>
      ) : null}
      {!canPublish ? (
        <p id="publish-hint" className="w-full text-sm text-slate-600">
          Publishing checks every field and lists what is still missing.
        </p>
      ) : null}
    </div>
  );
}

/** Discarding is its own form (outside the editor's), so it never saves what is on screen. */
export function DiscardDraftForm() {
  return (
    <Form method="post" id="discard-draft" hidden>
      <input type="hidden" name="intent" value="discard" />
    </Form>
  );
}

type HistoryEntry = {
  number: number;
  event: "published" | "unpublished" | "republished";
  parts: string[];
  source: "editor" | "import";
  author: { name: string; email: string } | null;
  at: string;
};

const EVENTS = { published: "Published", unpublished: "Unpublished", republished: "Published again" } as const;

/** Each version with what changed, who changed it and when. */
export function MissionHistory({ history }: { history: HistoryEntry[] }) {
  return (
    <section aria-labelledby="history-heading" className="card mt-8 p-5">
      <h2 id="history-heading" className="text-lg font-semibold text-slate-900">
        History
      </h2>
      {history.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing published yet. The first version appears here when you publish.</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100 text-sm">
          {history.map((entry) => (
            <li key={entry.number} className="py-2">
              <span className="font-semibold text-slate-900">Version {entry.number}</span> · {EVENTS[entry.event]} {formatDateTime(entry.at)} by{" "}
              {entry.author ? entry.author.name : "an import from files"}
              {entry.parts.length > 0 ? <span className="text-slate-600"> · changed: {entry.parts.join(", ")}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
