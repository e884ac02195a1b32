import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PublicLayout } from "~/components/public-layout";
import { formatBytes } from "~/features/evidence/components/upload-row";
import { PortfolioItemBody } from "~/features/portfolio/components/portfolio-item";
import { publicPortfolio, readByPublicHandle } from "~/features/portfolio/service.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

/**
 * /u/<handle> — a student's public portfolio: server-rendered, no log-in. It is read afresh on
 * every request and never cached, so an item or file the student hides is gone at once. A handle
 * the student has since changed redirects to the current one; temporarily (302), because the
 * student may take the old handle back and a browser would keep a permanent redirect.
 */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ params }) => {
    const db = getDb();
    const page = await readByPublicHandle(db, params.handle ?? "", (handle) => publicPortfolio(db, handle));
    if ("movedTo" in page) return redirect(`/u/${page.movedTo}`, 302);
    return json(page.found, { headers: { "Cache-Control": "no-store" } });
  });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

const DESCRIPTION_LIMIT = 200;

function describe(name: string, titles: string[]): string {
  if (titles.length === 0) return `${name}'s portfolio on MXP, the Missions Execution Platform.`;
  const list = titles.join(", ");
  const text = `${name}'s approved cyber-security missions on MXP (${titles.length}): ${list}.`;
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1).trimEnd()}…`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Portfolio not found · MXP" }];
  const title = `${data.name} · Portfolio · MXP`;
  const description = describe(
    data.name,
    data.items.map((item) => item.title),
  );
  return [
    { title },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: data.url },
    { property: "og:type", content: "profile" },
    { property: "og:title", content: `${data.name}'s portfolio` },
    { property: "og:description", content: description },
    { property: "og:url", content: data.url },
    { property: "og:site_name", content: "MXP" },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: `${data.name}'s portfolio` },
    { name: "twitter:description", content: description },
  ];
};

export default function PublicPortfolioPage() {
  const portfolio = useLoaderData<typeof loader>();
  return (
    <PublicLayout>
      <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
        <p className="text-sm font-semibold uppercase tracking-wider text-brand-700">Portfolio</p>
        <h1 className="mt-2 text-3xl font-extrabold tracking-tight text-slate-900">{portfolio.name}</h1>
        <p className="mt-2 text-slate-600">
          {portfolio.items.length === 0
            ? "Nothing is shown here yet."
            : `${portfolio.items.length === 1 ? "One mission" : `${portfolio.items.length} missions`} approved on MXP, each scored against its published rubric.`}
        </p>
        {portfolio.items.length > 0 ? (
          <ol className="mt-10 space-y-6">
            {portfolio.items.map((item) => (
              <li key={item.id}>
                <article aria-labelledby={`item-${item.id}`} className="card p-6">
                  <h2 id={`item-${item.id}`} className="text-lg font-semibold text-slate-900">
                    {item.title}
                  </h2>
                  <PortfolioItemBody item={item} headingLevel={3} />
                  {item.files.length > 0 ? (
                    <section className="mt-4">
                      <h3 className="text-sm font-semibold text-slate-900">Evidence</h3>
                      <ul className="mt-1 space-y-1 text-sm">
                        {item.files.map((file) => (
                          <li key={file.id}>
                            <a href={file.url} className="link">
                              {file.name}
                            </a>{" "}
                            <span className="text-slate-500">({formatBytes(file.sizeBytes)})</span>
                          </li>
                        ))}
                      </ul>
                    </section>
                  ) : null}
                </article>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </PublicLayout>
  );
}
