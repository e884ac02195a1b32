import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { Field, FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { saveTrack, trackEditor } from "~/features/academy/authoring.server";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Track “${data.track.title}” · MXP` : "Track · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const admin = await requireRole(request, "ADMIN");
    return json(await trackEditor(getDb(), admin, { slug: params.slug }));
  });
}

/** Saves the track; "Move up/down" buttons save with one mission moved. */
export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, params, form }) => {
      const admin = await requireRole(request, "ADMIN");
      const missions = form.getAll("missions").filter((value): value is string => typeof value === "string");
      const intent = form.get("intent");
      const move = /^(up|down):(\d+)$/.exec(typeof intent === "string" ? intent : "");
      let focus = "";
      if (move) {
        const index = Number(move[2]);
        const other = move[1] === "up" ? index - 1 : index + 1;
        if (index < missions.length && other >= 0 && other < missions.length) {
          [missions[index], missions[other]] = [missions[other]!, missions[index]!];
          focus = `#mission-${other}`;
        }
      }
      await saveTrack(getDb(), admin, {
        slug: params.slug,
        title: form.get("title"),
        summary: form.get("summary"),
        description: form.get("description"),
        published: form.get("published") === "on",
        missions,
      });
      return redirect(`/dashboard/admin/academy/tracks/${params.slug}${move ? "" : "?saved=1"}${focus}`);
    },
    { keep: ["title", "summary", "description"] },
  );
}

export default function TrackEditorPage() {
  const { track, missions } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const { hash, key } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.focus();
  }, [hash, key]);
  const errors = failure?.fieldErrors ?? {};
  return (
    <>
      <PageHeader
        title={track.title}
        description={`Track · /${track.slug} · ${track.published ? "published" : "not published: students do not see it"}`}
        actions={
          <Link to="/dashboard/admin/academy" className="btn-secondary">
            All missions
          </Link>
        }
      />
      {params.get("saved") ? (
        <p role="status" className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          Track saved.
        </p>
      ) : null}
      <Form method="post" preventScrollReset noValidate className="space-y-6" key={key}>
        <FormAlert message={failure?.formError} />
        <section aria-labelledby="track-fields" className="card space-y-4 p-5">
          <h2 id="track-fields" className="font-semibold text-slate-900">
            The track
          </h2>
          <Field label="Title" name="title" defaultValue={failure?.values?.title ?? track.title} errors={errors.title} />
          <Field label="Summary" name="summary" defaultValue={failure?.values?.summary ?? track.summary} errors={errors.summary} />
          <div>
            <label htmlFor="track-description" className="field-label">
              Description
            </label>
            <textarea
              id="track-description"
              name="description"
              rows={4}
              className="field-input"
              defaultValue={failure?.values?.description ?? track.description}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={errors.description ? "track-description-error" : undefined}
            />
            {errors.description ? (
              <p id="track-description-error" className="field-error">
                {errors.description.join(" ")}
              </p>
            ) : null}
          </div>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" name="published" defaultChecked={track.published} />
            Published: students see this track and its published missions
          </label>
        </section>
        <section aria-labelledby="track-order" className="card p-5">
          <h2 id="track-order" className="font-semibold text-slate-900">
            Missions in order
          </h2>
          {errors.missions ? <p className="field-error">{errors.missions.join(" ")}</p> : null}
          {missions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No missions yet. Create one from the academy page; it joins the end of this track.</p>
          ) : (
            <ol className="mt-3 space-y-2">
              {missions.map((mission, index) => (
                <li
                  key={mission.slug}
                  id={`mission-${index}`}
                  tabIndex={-1}
                  className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm"
                >
                  <input type="hidden" name="missions" value={mission.slug} />
                  <span>
                    {index + 1}. {mission.title}
                    {!mission.published ? <span className="ml-2 text-slate-500">(unpublished)</span> : null}
                  </span>
                  <span className="flex gap-2">
                    <button type="submit" name="intent" value={`up:${index}`} className="btn-secondary text-xs" disabled={index === 0}>
                      Move up<span className="sr-only"> {mission.title}</span>
                    </button>
                    <button type="submit" name="intent" value={`down:${index}`} className="btn-secondary text-xs" disabled={index === missions.length - 1}>
                      Move down<span className="sr-only"> {mission.title}</span>
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <button type="submit" name="intent" value="save" className="btn-primary">
          Save track
        </button>
      </Form>
    </>
  );
}
