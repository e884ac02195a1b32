// The render cost of one mission card: the same cards rendered to a string by React inside a
// data router (what <Link> and <Form> need), the app's card and another version of it taking
// turns in one process, so that the difference is the card's own and not the machine's. CPU time
// of this process, per card. Run by bench/cards.ts as a child with NODE_ENV=production (React's
// production build): `node --import tsx bench/card-render.ts <other card module> [rounds]`,
// which prints {"app": {...}, "other": {...}} as JSON.
import { pathToFileURL } from "node:url";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { MissionCard, type MissionCardData } from "~/features/missions/components/mission-card";

type Card = ComponentType<{ mission: MissionCardData; canStart: boolean }>;

/** A dashboard's worth of cards: available, in progress, completed and locked ones. */
function sampleCards(count: number): MissionCardData[] {
  return Array.from({ length: count }, (_, index): MissionCardData => {
    const state = index % 4;
    return {
      id: `m${index}`,
      slug: `bench-track-${1 + (index % 20)}-mission-${1 + (index % 10)}`,
      title: `Mission ${index}: follow the beacon`,
      summary: "Work through a realistic scenario and collect the evidence a security team would ask for before you report.",
      difficulty: "INTERMEDIATE",
      estimatedMinutes: 90,
      tierRequired: state === 3 ? "PREMIUM" : "FREE",
      isCapstone: index % 10 === 9,
      track: { slug: "bench-track", title: "Threat Hunting 5" },
      skills: [
        { key: "a", name: "Log analysis" },
        { key: "b", name: "Network forensics" },
      ],
      progress: state === 1 ? { id: `p${index}`, status: "IN_PROGRESS", percent: 40 } : state === 2 ? { id: `p${index}`, status: "APPROVED", percent: 100 } : null,
      locks: state === 3 ? [{ kind: "tier", tierRequired: "PREMIUM", message: "This mission needs the Premium plan." }] : [],
      recommendation: state === 0 ? "at-level" : null,
    };
  });
}

/** Microseconds of CPU per card for each version, over `rounds` alternating renders of `count` cards. */
export async function cardRenderCost(
  versions: { key: string; card: Card }[],
  options: { count?: number; rounds?: number } = {},
): Promise<Record<string, { microsecondsPerCard: number; html: number }>> {
  const count = options.count ?? 200;
  const rounds = options.rounds ?? 400;
  const cards = sampleCards(count);
  const render = async (Card: Card) => {
    const routes = [
      { path: "/dashboard/student/missions", element: createElement("div", null, ...cards.map((mission) => createElement(Card, { key: mission.id, mission, canStart: true }))) },
    ];
    const handler = createStaticHandler(routes);
    const context = await handler.query(new Request("http://localhost/dashboard/student/missions"));
    if (context instanceof Response) throw new Error("the static handler answered with a response");
    const router = createStaticRouter(handler.dataRoutes, context);
    return () => renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  };
  const renderers = await Promise.all(versions.map(async (version) => ({ ...version, render: await render(version.card), cpu: 0, html: 0 })));
  for (const renderer of renderers) for (let i = 0; i < 20; i++) renderer.html = renderer.render().length; // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const renderer of round % 2 ? [...renderers].reverse() : renderers) {
      const before = process.cpuUsage();
      renderer.render();
      const used = process.cpuUsage(before);
      renderer.cpu += used.user + used.system;
    }
  }
  return Object.fromEntries(renderers.map((renderer) => [renderer.key, { microsecondsPerCard: renderer.cpu / rounds / count, html: renderer.html }]));
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  if (process.env.NODE_ENV !== "production") throw new Error("card-render.ts measures React's production build: run it with NODE_ENV=production");
  const other = (await import(pathToFileURL(process.argv[2]!).href)) as { MissionCard: Card };
  const result = await cardRenderCost(
    [
      { key: "app", card: MissionCard },
      { key: "other", card: other.MissionCard },
    ],
    { rounds: Number(process.argv[3] ?? 400) },
  );
  process.stdout.write(JSON.stringify(result));
}
