import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicTrackSlugs } from "~/features/showcase/service.server";
import { getDb } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { escapeHtml } from "~/utils/html";
import { pageLoader } from "~/utils/page.server";

/** The public pages for search engines: home, plans, about and every published track. */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async () => {
    const base = appUrl();
    const paths = ["/", "/pricing", "/about", ...(await publicTrackSlugs(getDb())).map((slug) => `/tracks/${slug}`)];
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...paths.map((path) => `  <url><loc>${escapeHtml(`${base}${path}`)}</loc></url>`),
      "</urlset>",
      "",
    ].join("\n");
    return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
  });
}
