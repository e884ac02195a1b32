import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type http from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as entryServer from "~/entry.server";
import { changeHandle, updatePortfolioItem } from "~/features/portfolio/service.server";
import * as root from "~/root";
import * as publicFile from "~/routes/u.$handle_.files.$fileId";
import * as publicPage from "~/routes/u.$handle";
import { closeServer, createHttpApp } from "~/server/http.server";
import { createLogger } from "~/server/logger.server";
import { createSession } from "~/features/accounts/session.server";
import { cookieHeader } from "~/testing/factories";
import { approvedPortfolioItem } from "~/testing/portfolio";
import { LOG_TEXT, NOTES, TIMELINE } from "~/testing/reviews";
import { getDb } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";

/**
 * /u/<handle> and its files as a visitor's browser gets them: the Express app in front of a Remix
 * build made of the real document entry, root layout, public page and public file route.
 */
function testBuild(): ServerBuild {
  const asset = (id: string, extra: object = {}) => ({
    id,
    module: `/build/${id}-TEST.js`,
    hasAction: false,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    imports: [],
    ...extra,
  });
  return {
    mode: "production",
    entry: { module: entryServer },
    routes: {
      root: { id: "root", path: "", module: root },
      "routes/u.$handle": { id: "routes/u.$handle", parentId: "root", path: "u/:handle", module: publicPage },
      "routes/u.$handle_.files.$fileId": { id: "routes/u.$handle_.files.$fileId", parentId: "root", path: "u/:handle/files/:fileId", module: publicFile },
    },
    assets: {
      url: "/build/manifest-TEST.js",
      version: "TEST",
      entry: { module: "/build/entry.client-TEST.js", imports: [] },
      routes: {
        root: asset("root", { path: "", hasLoader: true, hasErrorBoundary: true }),
        "routes/u.$handle": asset("routes/u.$handle", { parentId: "root", path: "u/:handle", hasLoader: true, hasErrorBoundary: true }),
        "routes/u.$handle_.files.$fileId": asset("routes/u.$handle_.files.$fileId", { parentId: "root", path: "u/:handle/files/:fileId", hasLoader: true }),
      },
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true } as ServerBuild["future"],
    isSpaMode: false,
  } as unknown as ServerBuild;
}

let server: http.Server;
let base: string;
let dataDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-public-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.UPLOADTHING_TOKEN;
  server = createHttpApp({ mode: "production", build: testBuild(), log: createLogger({ level: "silent" }) }).listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeServer(server);
  process.env = savedEnv;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Text content of the meta tag with this name or property. */
function metaContent(html: string, key: string): string | undefined {
  const tag = [...html.matchAll(/<meta\b[^>]*>/g)].map((match) => match[0]).find((candidate) => candidate.includes(`"${key}"`));
  return tag ? /content="([^"]*)"/.exec(tag)?.[1] : undefined;
}

describe("the public portfolio page", () => {
  it("shows a visitor without a session the public items and chosen files only, with link-preview tags and no caching", async () => {
    const shown = await approvedPortfolioItem();
    const { student } = shown;
    const hidden = await approvedPortfolioItem();
    await getDb().portfolioItem.update({ where: { id: hidden.item.id }, data: { userId: student.id } });
    const unchosen = await approvedPortfolioItem();
    await getDb().portfolioItem.update({ where: { id: unchosen.item.id }, data: { userId: student.id, isPublic: true } });
    await updatePortfolioItem(getDb(), student, { itemId: shown.item.id, isPublic: true, publicFileIds: shown.item.evidenceFileIds });

    const response = await fetch(`${base}/u/${student.handle}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain(student.name);
    expect(html).toContain(shown.mission.title);
    expect(html).toContain(unchosen.mission.title);
    expect(html).toContain(`/u/${student.handle}/files/${shown.item.evidenceFileIds[0]}`);
    expect(html).toContain("AI review by scripted");
    for (const secret of [student.email, NOTES, TIMELINE, hidden.mission.title, hidden.item.id, ...hidden.item.evidenceFileIds, ...unchosen.item.evidenceFileIds, "/evidence/"]) {
      expect(html, secret).not.toContain(secret);
    }

    const canonical = `${appUrl()}/u/${student.handle}`;
    expect(html).toContain(`<link rel="canonical" href="${canonical}"/>`);
    expect(metaContent(html, "og:type")).toBe("profile");
    expect(metaContent(html, "og:title")).toBe(`${student.name}&#x27;s portfolio`);
    expect(metaContent(html, "og:url")).toBe(canonical);
    expect(metaContent(html, "og:description")).toContain(shown.mission.title);
    expect(metaContent(html, "og:description")).not.toContain(hidden.mission.title);
    expect(metaContent(html, "twitter:card")).toBe("summary");
    expect(html).toMatch(new RegExp(`<title>${student.name} · Portfolio · MXP</title>`));

    // The chosen file, for anyone; the unchosen ones and the owner's download link are not served here.
    const file = await fetch(`${base}/u/${student.handle}/files/${shown.item.evidenceFileIds[0]}`);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(LOG_TEXT);
    expect(file.headers.get("Cache-Control")).toBe("private, no-store");
    expect((await fetch(`${base}/u/${student.handle}/files/${unchosen.item.evidenceFileIds[0]}`)).status).toBe(404);
    expect((await fetch(`${base}/u/${student.handle}/files/${hidden.item.evidenceFileIds[0]}`)).status).toBe(404);
  });

  it("drops an item or a file at once when the student hides it", async () => {
    const { student, item } = await approvedPortfolioItem();
    await updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: true, publicFileIds: item.evidenceFileIds });
    const fileUrl = `${base}/u/${student.handle}/files/${item.evidenceFileIds[0]}`;
    expect(await (await fetch(`${base}/u/${student.handle}`)).text()).toContain(item.title);
    expect((await fetch(fileUrl)).status).toBe(200);

    await updatePortfolioItem(getDb(), student, { itemId: item.id, publicFileIds: [] });
    expect(await (await fetch(`${base}/u/${student.handle}`)).text()).not.toContain(fileUrl.slice(base.length));
    expect((await fetch(fileUrl)).status).toBe(404);

    await updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: false, publicFileIds: item.evidenceFileIds });
    const html = await (await fetch(`${base}/u/${student.handle}`)).text();
    expect(html).not.toContain(item.title);
    expect(html).toContain("Nothing is shown here yet.");
    expect((await fetch(fileUrl)).status).toBe(404);
  });

  it("sends a visitor of a changed handle, and of its files, to the current address", async () => {
    const { student, item } = await approvedPortfolioItem();
    await updatePortfolioItem(getDb(), student, { itemId: item.id, isPublic: true, publicFileIds: item.evidenceFileIds });
    const renamed = `renamed-${student.id.slice(-6).toLowerCase()}`;
    await changeHandle(getDb(), student, { handle: renamed });

    const page = await fetch(`${base}/u/${student.handle}`, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/u/${renamed}`);
    const file = await fetch(`${base}/u/${student.handle}/files/${item.evidenceFileIds[0]}`, { redirect: "manual" });
    expect(file.status).toBe(302);
    expect(file.headers.get("Location")).toBe(`/u/${renamed}/files/${item.evidenceFileIds[0]}`);
    // Followed, both arrive.
    expect(await (await fetch(`${base}/u/${student.handle}`)).text()).toContain(item.title);
    expect(await (await fetch(`${base}/u/${student.handle}/files/${item.evidenceFileIds[0]}`)).text()).toBe(LOG_TEXT);
  });

  it("answers 404 with a page for an unknown handle, and the same for the owner's own private file", async () => {
    const missing = await fetch(`${base}/u/nobody-has-this-handle`, { headers: { Accept: "text/html" } });
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain("There is no public portfolio at this address.");
    expect(html).toContain("<title>Portfolio not found · MXP</title>");

    // Signed in as the owner changes nothing: the public route serves only what is public.
    const { student, item } = await approvedPortfolioItem();
    const { token } = await createSession(getDb(), student.id);
    const asOwner = await fetch(`${base}/u/${student.handle}/files/${item.evidenceFileIds[0]}`, { headers: { Cookie: cookieHeader(token) } });
    expect(asOwner.status).toBe(404);
  });
});
