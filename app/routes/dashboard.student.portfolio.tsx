import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/page-header";
import { HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH } from "~/domain/handle";
import { requireStudent } from "~/features/accounts/auth.server";
import { formatBytes } from "~/features/evidence/components/upload-row";
import { CopyLink } from "~/features/portfolio/components/copy-link";
import { PortfolioItemBody } from "~/features/portfolio/components/portfolio-item";
import type { PortfolioItemView } from "~/features/portfolio/schemas";
import { changeHandle, listPortfolio, updatePortfolioItem } from "~/features/portfolio/service.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Portfolio · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireStudent(request, "The portfolio");
    return json(await listPortfolio(getDb(), user));
  });
}

type Saved = { intent: "handle"; handle: string } | { intent: "visibility"; itemId: string; isPublic: boolean } | { intent: "files"; itemId: string };

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, form }) => {
      const user = await requireStudent(request, "The portfolio");
      const itemId = form.get("itemId");
      switch (form.get("intent")) {
        case "handle":
          return json<Saved>({ intent: "handle", handle: (await changeHandle(getDb(), user, { handle: form.get("handle") })).handle });
        case "visibility": {
          const updated = await updatePortfolioItem(getDb(), user, { itemId, isPublic: form.get("isPublic") === "true" });
          return json<Saved>({ intent: "visibility", itemId: updated.id, isPublic: updated.isPublic });
        }
        case "files": {
          const updated = await updatePortfolioItem(getDb(), user, { itemId, publicFileIds: form.getAll("publicFileIds") });
          return json<Saved>({ intent: "files", itemId: updated.id });
        }
        default:
          throw new AppError("VALIDATION_FAILED", "This form could not be read. Reload the page and try again.");
      }
    },
    // Which form failed (and what was typed as a handle), so that the message shows beside it.
    {
      keep: (form): Record<string, string> => {
        const pick = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
        return { intent: pick("intent"), itemId: pick("itemId"), handle: pick("handle") };
      },
    },
  );
}

type Result = FormFailure | Saved;

function failureFor(result: Result | undefined, intent: string, itemId?: string): FormFailure | undefined {
  if (!result || "intent" in result) return undefined;
  if (result.values?.intent !== intent) return undefined;
  if (itemId !== undefined && result.values?.itemId !== itemId) return undefined;
  return result;
}

export default function PortfolioPage() {
  const portfolio = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const handleFailure = failureFor(result, "handle");
  const publicCount = portfolio.items.filter((item) => item.isPublic).length;
  return (
    <>
      <PageHeader title="Portfolio" description="Every approved mission becomes an item here. Items stay private until you show them on your public page." />
      <section aria-labelledby="public-page-heading" className="card mb-8 p-6">
        <h2 id="public-page-heading" className="text-lg font-semibold text-slate-900">
          Your public page
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {publicCount === 0
            ? "Nothing is shown there yet: choose “Show on my public page” on an item below."
            : `${publicCount === 1 ? "One item is" : `${publicCount} items are`} shown there, with the files you chose. Your e-mail address and your notes never are.`}
        </p>
        <div className="mt-4">
          <CopyLink url={portfolio.publicUrl} />
        </div>
        <p className="mt-3 text-sm">
          <a href={`/u/${portfolio.handle}`} className="link">
            Open your public page
          </a>
        </p>
        <Form method="post" className="mt-6 max-w-md space-y-4" noValidate key={`handle-${portfolio.handle}`}>
          <input type="hidden" name="intent" value="handle" />
          <FormAlert message={handleFailure?.formError} />
          <Field
            label="Handle"
            name="handle"
            defaultValue={handleFailure?.values?.handle ?? portfolio.handle}
            autoComplete="off"
            spellCheck={false}
            required
            minLength={HANDLE_MIN_LENGTH}
            maxLength={HANDLE_MAX_LENGTH}
            hint={`The end of your page's address: ${HANDLE_MIN_LENGTH}–${HANDLE_MAX_LENGTH} lowercase letters, digits and hyphens. Links with the old handle stop working when you change it.`}
            errors={handleFailure?.fieldErrors?.handle}
          />
          <div className="flex items-center gap-3">
            <button type="submit" className="btn-secondary" disabled={busy}>
              Change handle
            </button>
            {result && "intent" in result && result.intent === "handle" ? (
              <p role="status" className="text-sm text-emerald-800">
                Your handle is now {result.handle}.
              </p>
            ) : null}
          </div>
        </Form>
      </section>

      {portfolio.items.length === 0 ? (
        <EmptyState title="No portfolio items yet">
          <p>Approved missions appear here, with their score, the skills they show and your reflection. You then choose which to show on your public page.</p>
          <p className="mt-3">
            <Link to="/dashboard/student/missions" className="link">
              Go to your missions
            </Link>
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="items-heading">
          <h2 id="items-heading" className="sr-only">
            Approved missions
          </h2>
          <ol className="space-y-6">
            {portfolio.items.map((item) => (
              <li key={item.id}>
                <PortfolioItemCard item={item} result={result} busy={busy} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function PortfolioItemCard({ item, result, busy }: { item: PortfolioItemView; result: Result | undefined; busy: boolean }) {
  const headingId = `item-${item.id}`;
  const visibilityFailure = failureFor(result, "visibility", item.id);
  const filesFailure = failureFor(result, "files", item.id);
  const filesSaved = result !== undefined && "intent" in result && result.intent === "files" && result.itemId === item.id;
  return (
    <article aria-labelledby={headingId} className="card p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h3 id={headingId} className="text-lg font-semibold text-slate-900">
          <Link to={`/dashboard/student/missions/${item.mission.slug}`} className="hover:underline">
            {item.mission.title}
          </Link>
        </h3>
        <span className={item.isPublic ? "chip chip-emerald" : "chip"}>{item.isPublic ? "On your public page" : "Private"}</span>
      </div>
      <PortfolioItemBody item={item} headingLevel={4} />

      <Form method="post" className="mt-5">
        <input type="hidden" name="intent" value="visibility" />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="isPublic" value={item.isPublic ? "false" : "true"} />
        <FormAlert message={visibilityFailure?.formError} />
        <button type="submit" className={item.isPublic ? "btn-secondary" : "btn-primary"} disabled={busy} aria-describedby={headingId}>
          {item.isPublic ? "Hide from my public page" : "Show on my public page"}
        </button>
      </Form>

      <Form method="post" className="mt-5">
        <input type="hidden" name="intent" value="files" />
        <input type="hidden" name="itemId" value={item.id} />
        <fieldset>
          <legend className="text-sm font-semibold text-slate-900">Evidence</legend>
          {item.files.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">This attempt had no files.</p>
          ) : (
            <>
              <p className="mt-1 text-sm text-slate-600">Tick the files to show on your public page. They appear there only while this item is shown.</p>
              <FormAlert message={filesFailure?.formError ?? filesFailure?.fieldErrors?.publicFileIds?.join(" ")} />
              <ul className="mt-2 space-y-2">
                {item.files.map((file) => (
                  <li key={file.id} className="flex flex-wrap items-center gap-3 text-sm">
                    <input
                      type="checkbox"
                      id={`file-${item.id}-${file.id}`}
                      name="publicFileIds"
                      value={file.id}
                      defaultChecked={file.public}
                      className="h-4 w-4 rounded border-slate-300 text-brand-600"
                    />
                    <label htmlFor={`file-${item.id}-${file.id}`} className="text-slate-800">
                      Show {file.name}
                    </label>
                    <a href={file.url} className="link">
                      Open<span className="sr-only"> {file.name}</span>
                    </a>
                    <span className="text-slate-500">{formatBytes(file.sizeBytes)}</span>
                  </li>
                ))}
              </ul>
              <div className="mt-3 flex items-center gap-3">
                <button type="submit" className="btn-secondary" disabled={busy}>
                  Save file choices
                </button>
                {filesSaved ? (
                  <p role="status" className="text-sm text-emerald-800">
                    Saved.
                  </p>
                ) : null}
              </div>
            </>
          )}
        </fieldset>
      </Form>
    </article>
  );
}
