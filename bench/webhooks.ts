// Stripe webhook reliability: Stripe delivers each event at least once and in no particular order.
// 100 students each go through a subscription's life (checkout, created, paid, plan change, a
// failed payment, past_due, then recovered, cancelled at period end, or deleted): 7 events each,
// 700 in all, and 300 duplicate deliveries of events picked at random (30 % of all). The 1,000
// deliveries are shuffled, signed as Stripe signs them (at sending time) and POSTed over HTTP, 20
// at a time, to /api/webhooks/stripe of the production build. Every delivery must be
// acknowledged (2xx), no event may fail, and every student's tier in force must be the one the
// newest event of their story says, whatever order the others arrived in.
//
// Options (environment): BENCH_WEBHOOK_USERS (default 100), BENCH_WEBHOOK_PARALLEL (default 20).
import os from "node:os";
import type Stripe from "stripe";
import type { Tier } from "~/domain/entitlements";
import { priceIdFor, type PaidTier } from "~/features/billing/prices.server";
import { getTier } from "~/features/billing/service.server";
import {
  checkoutSessionCompletedEvent,
  invoiceEvent,
  signStripePayload,
  stripeCheckoutSession,
  stripeId,
  stripeInvoice,
  stripeSubscription,
  subscriptionEvent,
  toStripeTime,
  type SubscriptionInput,
} from "~/features/billing/stripe-events";
import { closeDb, createDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import {
  buildProduction,
  envNumber,
  fmt,
  machineBusySeconds,
  migratedDatabase,
  ms,
  percentile,
  startServer,
  treeLine,
  verdict,
  waitForQuietMachine,
  type BenchServer,
} from "./harness";
import { machineLine, writeSection } from "./report";

const DUPLICATE_SHARE = 0.3;
const DAY = 24 * 60 * 60;

type Ending = "recovered" | "cancels at period end" | "deleted";

interface Story {
  userId: string;
  plan: PaidTier;
  ending: Ending;
  expected: Tier;
  events: Stripe.Event[];
}

/** One student's subscription, from checkout to its ending, as Stripe would report it (a second apart). */
function story(userId: string, index: number, start: number): Story {
  const customerId = stripeId("cus");
  const subscriptionId = stripeId("sub");
  const plan: PaidTier = index % 2 === 0 ? "STARTER" : "PREMIUM";
  const ending: Ending = (["recovered", "cancels at period end", "deleted"] as const)[index % 3]!;
  const periodEnd = start + 30 * DAY;
  const sub = (input: Partial<SubscriptionInput>) =>
    stripeSubscription({ id: subscriptionId, customerId, userId, priceId: priceIdFor("STARTER"), status: "active", currentPeriodEnd: periodEnd, created: start, ...input });
  const invoice = (paid: boolean, at: number) => stripeInvoice({ customerId, subscriptionId, userId, paid, created: at, amount: 300 });
  const events: Stripe.Event[] = [
    checkoutSessionCompletedEvent(stripeCheckoutSession({ customerId, userId, subscription: subscriptionId, created: start }), { created: start }),
    subscriptionEvent("customer.subscription.created", sub({}), { created: start + 1 }),
    invoiceEvent("invoice.paid", invoice(true, start + 2), { created: start + 2 }),
    subscriptionEvent("customer.subscription.updated", sub({ priceId: priceIdFor(plan) }), { created: start + 3 }),
    invoiceEvent("invoice.payment_failed", invoice(false, start + 4), { created: start + 4 }),
    subscriptionEvent("customer.subscription.updated", sub({ priceId: priceIdFor(plan), status: "past_due" }), { created: start + 5 }),
    ending === "deleted"
      ? subscriptionEvent("customer.subscription.deleted", sub({ priceId: priceIdFor(plan), status: "canceled", created: start + 6 }), { created: start + 6 })
      : subscriptionEvent("customer.subscription.updated", sub({ priceId: priceIdFor(plan), cancelAtPeriodEnd: ending === "cancels at period end" }), { created: start + 6 }),
  ];
  return { userId, plan, ending, expected: ending === "deleted" ? "FREE" : plan, events };
}

/** Fisher–Yates with a seeded generator, so a run can be repeated. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

interface Delivery {
  status: number;
  ms: number;
  replay: boolean;
}

async function deliver(server: BenchServer, event: Stripe.Event, secret: string): Promise<Delivery> {
  const payload = JSON.stringify(event);
  const started = performance.now();
  try {
    const response = await fetch(`${server.base}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signStripePayload(payload, secret) },
      body: payload,
    });
    const body = (await response.json()) as { replay?: boolean };
    return { status: response.status, ms: performance.now() - started, replay: body.replay === true };
  } catch {
    return { status: 0, ms: performance.now() - started, replay: false };
  }
}

/** `npm run bench -- webhooks`. */
export async function benchWebhooks(): Promise<void> {
  const users = envNumber("BENCH_WEBHOOK_USERS", 100);
  const parallel = envNumber("BENCH_WEBHOOK_PARALLEL", 20);
  const secret = getEnv().STRIPE_WEBHOOK_SECRET;
  buildProduction();
  const database = await migratedDatabase();
  const db = createDb(database.embedded.url, { max: 2 });
  let server: BenchServer | undefined;
  try {
    const start = toStripeTime() - 3600;
    const stories: Story[] = [];
    for (let i = 0; i < users; i++) {
      const user = await db.user.create({
        data: { email: `webhook${i}@bench.mxp.local`, name: `Webhook ${i}`, handle: `webhook-${i}`, role: "STUDENT", passwordHash: "not-a-password-hash" },
        select: { id: true },
      });
      stories.push(story(user.id, i, start + i * 10));
    }
    const unique = stories.flatMap((s) => s.events);
    // Duplicates are DUPLICATE_SHARE of all deliveries: 700 events and 300 repeats make 1,000.
    const duplicates = Math.round(unique.length / (1 - DUPLICATE_SHARE)) - unique.length;
    const picks = shuffle(unique, 7).slice(0, duplicates);
    const deliveries = shuffle([...unique, ...picks], 11);
    server = await startServer(database, { countQueries: false, label: "webhooks" });

    console.log(`  ${deliveries.length} deliveries (${unique.length} events, ${duplicates} duplicates) for ${users} students, ${parallel} at a time…`);
    const otherWork = await waitForQuietMachine();
    const results: Delivery[] = [];
    let next = 0;
    const busyBefore = machineBusySeconds();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < deliveries.length) {
          const event = deliveries[next++]!;
          results.push(await deliver(server!, event, secret));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const coresBusy = (machineBusySeconds() - busyBefore) / seconds;

    const statuses = new Map<number, number>();
    for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const acknowledged = results.filter((r) => r.status >= 200 && r.status < 300).length;
    const replays = results.filter((r) => r.replay).length;
    const outcomes = await db.processedStripeEvent.groupBy({ by: ["outcome"], _count: { _all: true } });
    const outcome = (name: string) => outcomes.find((row) => row.outcome === name)?._count._all ?? 0;
    const wrong: string[] = [];
    for (const s of stories) {
      const tier = await getTier(db, s.userId);
      if (tier !== s.expected) wrong.push(`${s.userId} (${s.plan}, ${s.ending}): ${tier}, expected ${s.expected}`);
    }
    const times = results.map((r) => r.ms);
    const errors = results.length - acknowledged + outcome("failed");
    const ok = acknowledged === deliveries.length && wrong.length === 0 && errors === 0;
    for (const line of wrong.slice(0, 10)) console.log(`  wrong tier: ${line}`);

    const lines = [
      "## Stripe webhooks: duplicated, shuffled deliveries",
      "",
      `Command: \`npm run bench -- webhooks\` (part of \`npm run bench\`). Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `${users} students each go through a subscription's life as Stripe reports it: checkout completed, subscription created, invoice paid, plan changed (half STARTER, half PREMIUM), a payment failed, past_due, then recovered, cancelled at period end or deleted (a third each): ${unique.length} events, and ${duplicates} duplicate deliveries of events picked at random (${fmt(DUPLICATE_SHARE * 100)} % of all). The ${fmt(deliveries.length)} deliveries are shuffled, signed with the webhook secret when sent (\`stripe.webhooks.generateTestHeaderString\`) and POSTed over HTTP, ${parallel} at a time, to \`/api/webhooks/stripe\` of the production build (\`NODE_ENV=production remix build\`, served as \`npm start\` serves it; local billing provider, so no Stripe re-read). Latency is each delivery's round trip as the sender saw it. Other work kept ${fmt(otherWork, 2)} of the machine's ${os.cpus().length} cores busy just before the run; during it the whole machine (this run included) used ${fmt(coresBusy, 2)}.`,
      "",
      "| deliveries | answers | replays answered | events applied / ignored / failed | students with the right tier | time | route p50 | route p99 | slowest |",
      "| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
      `| ${fmt(deliveries.length)} | ${[...statuses].map(([status, count]) => `${count} × ${status || "connection error"}`).join(", ")} | ${replays} | ${outcome("applied")} / ${outcome("ignored")} / ${outcome("failed")} | ${users - wrong.length} of ${users} | ${fmt(seconds, 1)} s | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} | ${ms(Math.max(...times))} |`,
      "",
      `Ignored events are the older ones that arrived after a newer state had been applied (stale) and events whose user had no subscription stored yet; duplicates that arrive while their first delivery is being applied wait for it and are answered as replays. All acknowledged, every tier right, zero errors: ${verdict(ok)}`,
    ];
    writeSection("webhooks", lines.join("\n"));
    console.log(`  ${acknowledged}/${deliveries.length} acknowledged, ${users - wrong.length}/${users} tiers right, ${errors} errors, p99 ${ms(percentile(times, 99))}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await server?.stop();
    await closeDb(db);
    await database.close();
  }
}
