import { describe, expect, it } from "vitest";
import { catalogueNumbers } from "~/features/showcase/service.server";
import { currentPublishedCatalogue } from "~/features/missions/catalogue.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as pricingLoader } from "~/routes/pricing";
import { action as signupAction, loader as signupLoader } from "~/routes/signup";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as trackLoader } from "~/routes/tracks.$slug";
import { action as verifyEmailAction } from "~/routes/verify-email";
import { cookieHeader, createSignedInUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";

// The public pages' loaders as a visitor (or a signed-in student) reaches them, against the real
// database and the in-memory catalogue.
const context = { clientAddress: "198.51.100.9", requestId: "test" };

function get(path: string, headers: Record<string, string> = {}) {
  return new Request(`http://mxp.test${path}`, { headers });
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const outcome = await promise.then(
    () => new Error("expected a thrown Response"),
    (error: unknown) => error,
  );
  if (outcome instanceof Response) return outcome;
  throw outcome;
}

/** A published track of three missions (the second needs the first; the third is Premium) and an unpublished fourth. */
async function trackWithMissions() {
  const first = await createMission({ title: "Read the auth log", difficulty: "NOVICE" });
  const second = await createMission({ trackId: first.trackId, title: "Chase the beacon", prerequisites: [first.id] });
  const third = await createMission({ trackId: first.trackId, title: "Lead the response", tierRequired: "PREMIUM", difficulty: "ADVANCED" });
  await createMission({ trackId: first.trackId, title: "Not ready yet", published: false });
  await getDb().mission.update({ where: { id: first.id }, data: { story: "# Heading\n\nIt is **06:10** and the alert fires.\n\nSecond paragraph, for members." } });
  const track = await getDb().track.update({ where: { id: first.trackId }, data: { description: "Harbourline's SOC, **night shift**." } });
  return { track, first, second, third };
}

describe("a track's public page", () => {
  it("previews the published missions in order, with facts and the story's first paragraph, and nothing for members only", async () => {
    const { track, first } = await trackWithMissions();
    const response = await trackLoader({ request: get(`/tracks/${track.slug}`), params: { slug: track.slug }, context });
    const page = await response.json();
    expect(page.track).toMatchObject({ slug: track.slug, title: track.title, missions: 3, hours: 2, freeMissions: 2, difficulties: "Novice to Advanced" });
    expect(page.track.descriptionHtml).toContain("<strong>night shift</strong>");
    expect(page.missions.map((mission) => mission.title)).toEqual(["Read the auth log", "Chase the beacon", "Lead the response"]);
    expect(page.missions[0]!).toMatchObject({ slug: first.slug, difficulty: "NOVICE", estimatedMinutes: 45, tierRequired: "FREE", steps: 3, prerequisites: [] });
    expect(page.missions[0]!.excerptHtml).toBe("<p>It is <strong>06:10</strong> and the alert fires.</p>\n");
    expect(page.missions[1]!.prerequisites).toEqual(["Read the auth log"]);
    expect(page.url).toMatch(new RegExp(`/tracks/${track.slug}$`));
    expect(page.description.length).toBeLessThanOrEqual(160);
    // Instructions, rubrics and the rest of the story stay for accounts.
    const text = JSON.stringify(page);
    for (const hidden of ["Record a packet capture", "The capture shows the attack.", "Second paragraph", "Not ready yet"]) expect(text).not.toContain(hidden);
  });

  it("answers 404 for an unknown slug, an unpublished track and a track without published missions", async () => {
    const { track } = await trackWithMissions();
    const empty = await getDb().track.create({ data: { slug: `empty-${track.slug}`, title: "Empty", summary: "Nothing yet.", description: "", position: 999_999 } });
    await getDb().track.update({ where: { id: track.id }, data: { published: false } });
    for (const slug of ["no-such-track", track.slug, empty.slug]) {
      const response = await thrown(trackLoader({ request: get(`/tracks/${slug}`), params: { slug }, context }));
      expect(response.status, slug).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/no published track at this address/);
    }
  });

  it("is listed in the sitemap", async () => {
    const { track } = await trackWithMissions();
    const response = await sitemapLoader({ request: get("/sitemap.xml"), params: {}, context });
    expect(response.headers.get("Content-Type")).toMatch(/^application\/xml/);
    const body = await response.text();
    expect(body).toContain(`/tracks/${track.slug}</loc>`);
    expect(body).toMatch(/<loc>https?:\/\/[^<]+\/pricing<\/loc>/);
  });
});

describe("the landing page", () => {
  it("counts what the catalogue publishes: tracks with missions, missions, their hours and the Free ones", async () => {
    const before = catalogueNumbers(await currentPublishedCatalogue(getDb()));
    await trackWithMissions();
    const after = catalogueNumbers(await currentPublishedCatalogue(getDb()));
    expect(after.tracks - before.tracks).toBe(1);
    expect(after.missions - before.missions).toBe(3);
    expect(after.freeMissions - before.freeMissions).toBe(2);
    const page = await (await homeLoader({ request: get("/"), params: {}, context })).json();
    expect(page.numbers).toEqual(after);
  });

  it("shows a featured mission with a sample review of its rubric and a sample heat-map, and plan buttons for a visitor", async () => {
    await trackWithMissions();
    const page = await (await homeLoader({ request: get("/"), params: {}, context })).json();
    expect(page.featured!.mission.tierRequired).toBe("FREE");
    expect(page.featured!.review!.criteria.length).toBeGreaterThan(0);
    expect(page.featured!.review!.total).toBeGreaterThan(0);
    // The sample student did the featured mission's track from its start (test missions exercise no skills; the demo academy's do: e2e).
    expect(page.sample.trackTitle).toBe(page.featured!.trackTitle);
    expect(page.sample.missionTitles.length).toBeGreaterThan(0);
    expect(page.sample.totals).toHaveLength(page.sample.missionTitles.length);
    expect(page.tracks.length).toBe(page.numbers.tracks);
    expect(page.chooser).toEqual({ signedIn: false, student: null });
  });
});

describe("choosing a paid plan before having an account", () => {
  it("carries the plan through sign-up and the e-mail confirmation to that plan's checkout", async () => {
    const signup = await signupLoader({ request: get("/signup?plan=PREMIUM"), params: {}, context });
    expect(await signup.json()).toEqual({ plan: "PREMIUM" });
    expect(await (await signupLoader({ request: get("/signup?plan=GOLD"), params: {}, context })).json()).toEqual({ plan: null });

    const email = `plan-${Date.now()}@example.test`;
    const sent = await signupAction({
      request: new Request("http://mxp.test/signup", {
        method: "POST",
        body: new URLSearchParams({ name: "Plan Chooser", email, password: "a long passphrase", plan: "PREMIUM" }),
      }),
      params: {},
      context,
    });
    const intent = sent.headers.get("Set-Cookie")!;
    expect(intent).toMatch(/^mxp_plan=PREMIUM; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);

    const mail = await getDb().emailOutbox.findFirstOrThrow({ where: { to: email } });
    const token = new URL(/https?:\/\/\S+\/verify-email\?token=\S+/.exec(mail.text)![0]).searchParams.get("token")!;
    const confirmed = await verifyEmailAction({
      request: new Request("http://mxp.test/verify-email", { method: "POST", body: new URLSearchParams({ intent: "confirm", token }), headers: { Cookie: intent.split(";")[0]! } }),
      params: {},
      context,
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/pricing?plan=PREMIUM");
    expect(confirmed.headers.get("Set-Cookie")).toMatch(/mxp_session=.+, mxp_plan=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
  });

  it("offers the chosen plan's checkout first on the plans page, only to a student who can still buy it", async () => {
    const free = await createSignedInUser();
    const premium = await createSignedInUser({ tier: "PREMIUM" });
    const chosen = async (token: string, plan: string) =>
      ((await (await pricingLoader({ request: get(`/pricing?plan=${plan}`, { Cookie: cookieHeader(token) }), params: {}, context })).json()) as { chosen: string | null }).chosen;
    expect(await chosen(free.token, "PREMIUM")).toBe("PREMIUM");
    expect(await chosen(free.token, "FREE")).toBeNull();
    expect(await chosen(premium.token, "STARTER")).toBeNull();
    const visitor = (await (await pricingLoader({ request: get("/pricing?plan=PREMIUM"), params: {}, context })).json()) as Record<string, unknown>;
    expect(visitor).toMatchObject({ signedIn: false, student: null, chosen: null });
  });
});
