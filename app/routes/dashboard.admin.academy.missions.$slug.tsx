import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { discardMissionDraft, missionEditor, publishMissionDraft, saveMissionDraft, setMissionPublished } from "~/features/academy/authoring.server";
import { DiscardDraftForm, EditorActions, MissionHistory, MissionStatus } from "~/features/academy/components/mission-authoring";
import { MissionEditor } from "~/features/academy/components/mission-editor";
import { changeList, editorFromForm, parseListChange } from "~/features/academy/editor";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { FormFailure } from "~/utils/forms.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit “${data.editor.title || data.slug}” · MXP` : "Edit mission · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const admin = await requireRole(request, "ADMIN");
    const state = await missionEditor(getDb(), admin, { slug: params.slug });
    // The saved draft's markdown as students will see it; with JavaScript the previews then follow the typing.
    const previews: Record<string, string> = { story: renderMarkdown(state.editor.story) };
    state.editor.subtasks.forEach((subtask, index) => (previews[`subtasks.${index}.instructions`] = renderMarkdown(subtask.instructions, 3)));
    return json({ ...state, previews });
  });
}

/**
 * Every button of the editor posts the whole form, which is saved as the draft first (an
 * unfinished draft is never lost); then the button's own step: change a list, preview, publish,
 * unpublish or publish again. Discarding is the one step that does not save.
 */
export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, params, form }) => {
    const admin = await requireRole(request, "ADMIN");
    const db = getDb();
    const slug = params.slug ?? "";
    const path = `/dashboard/admin/academy/missions/${slug}`;
    const intent = typeof form.get("intent") === "string" ? (form.get("intent") as string) : "save";
    if (intent === "discard") {
      await discardMissionDraft(db, admin, { slug });
      return redirect(`/dashboard/admin/academy`);
    }
    const change = parseListChange(intent);
    if (!change && !["save", "publish", "preview", "unpublish", "republish"].includes(intent)) {
      throw new AppError("VALIDATION_FAILED", "This form sent an action the page does not know.");
    }
    let editor = editorFromForm(form, { slug });
    if (change) editor = changeList(editor, change);
    await saveMissionDraft(db, admin, { slug, editor });
    if (change) {
      const moved = change.kind === "add" ? editor[change.list].length - 1 : change.kind === "up" ? change.index - 1 : change.kind === "down" ? change.index + 1 : null;
      return redirect(`${path}#${moved === null || moved < 0 ? `${change.list}-heading` : `${change.list}-item-${moved}`}`);
    }
    if (intent === "preview") {
      const tier = form.get("previewTier");
      return redirect(`${path}/preview?tier=${encodeURIComponent(typeof tier === "string" ? tier : "FREE")}`);
    }
    if (intent === "publish") {
      const { version } = await publishMissionDraft(db, admin, { slug });
      return redirect(`${path}?published=${version}`);
    }
    if (intent === "unpublish" || intent === "republish") {
      await setMissionPublished(db, admin, { slug, published: intent === "republish" });
      return redirect(`${path}?${intent}ed=1`);
    }
    return redirect(`${path}?saved=1`);
  });
}

export default function MissionEditorPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const notice = params.get("published")
    ? `Published as version ${params.get("published")}. Students now see this version.`
    : params.get("unpublished")
      ? "Unpublished: no new starts. Students who started it keep it."
      : params.get("republished")
        ? "Published again: students can start it."
        : params.get("saved")
          ? "Draft saved. Students still see the published version until you publish."
          : null;
  return (
    <>
      <PageHeader
        title={data.editor.title || data.slug}
        description={<MissionStatus slug={data.slug} mission={data.mission} draft={data.draft} />}
        actions={
          <Link to="/dashboard/admin/academy" className="btn-secondary">
            All missions
          </Link>
        }
      />
      {notice ? (
        <p role="status" className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {notice}
        </p>
      ) : null}
      <div className="mb-4">
        <FormAlert message={failure?.formError ?? (failure?.fieldErrors ? "Fix the fields marked below before publishing." : undefined)} />
      </div>
      <MissionEditor
        key={data.draft?.savedAt ?? "published"}
        editor={data.editor}
        fieldErrors={data.fieldErrors}
        choices={data.choices}
        previews={data.previews}
        markdownAction="/dashboard/admin/academy/markdown"
        actions={<EditorActions mission={data.mission} hasDraft={data.draft !== null} canPublish={Object.keys(data.fieldErrors).length === 0} />}
      />
      <DiscardDraftForm />
      <MissionHistory history={data.history} />
    </>
  );
}
